#pragma once
// Colour bands of latencies: 11 bands whose bounds come from the run's own percentiles
// (p25/2, p25, p50, p75, p90, p95, p99, 1.5x, 2x, 3x p99), the ones a --slo target names
// replaced by that target. The bands show the distribution's shape; they are no verdict:
// only a target the user gave says whether a latency is good enough (evaluate_slo).
#include <array>
#include <cstdint>
#include <string_view>
#include <vector>

#include "ringbench/stats/histogram.h"

namespace ringbench::report {

// The bands in order; the names are only the colour ramp's, never printed (a run's own p50
// is not "good" because it is its p50).
enum class SloLevel : uint8_t {
  elite,       // <= 0.5 * p25     colour 22
  excellent,   // <= p25           28
  good,        // <= p50           34
  normal,      // <= p75           40
  acceptable,  // <= p90           82
  degraded,    // <= p95           154
  slow,        // <= p99           226
  very_slow,   // <= 1.5 * p99     214
  critical,    // <= 2 * p99       202
  severe,      // <= 3 * p99       160
  violation,   // >  3 * p99       88
};
inline constexpr int slo_level_count = 11;

int ansi256_of(SloLevel level);  // the colour numbers above

// One absolute target of --slo, e.g. p99=50ms -> {99.0, 50'000'000}.
struct SloTarget {
  double percentile = 0;  // 0 < percentile < 100
  uint64_t limit_ns = 0;
};

struct SloSpec {
  std::vector<SloTarget> targets;  // in the order given; empty = run-relative only
};

// "p50=5ms,p95=20ms,p99=50ms,p99.9=100ms" (units ns, us, ms, s). Throws Error(usage) with a
// one-line message on anything malformed (unknown percentile syntax, missing unit, empty item,
// duplicate percentile, non-monotonic limits).
SloSpec parse_slo(std::string_view spec);

// Where a bound's value comes from: the definition of bound `bound` (0 = p25/2 … 9 = 3x p99),
// taken from a --slo target when `target`. A run-relative bound clamped to a target takes
// that target's source, so the label always says what the number is.
struct BoundSource {
  uint8_t bound = 0;
  bool target = false;
};

// Upper bound (ns, inclusive) of each band but the last; a value above upper_ns[9] is in the
// last band. Targets whose percentile names a bound (p25, p50, p75, p90, p95, p99) replace it
// (p25/2 and the p99 multiples follow); the bounds are then made monotonic (each at least the
// one before, none crossing a target).
struct SloThresholds {
  std::array<uint64_t, slo_level_count - 1> upper_ns{};
  std::array<BoundSource, slo_level_count - 1> source{};  // default: all run-relative, in order
  SloThresholds() {
    for (size_t i = 0; i < source.size(); ++i) source[i].bound = static_cast<uint8_t>(i);
  }
};

// What a band's upper bound is: "p25/2", "p50", "1.5x p99" (the run's), "SLO p50",
// "1.5x SLO p99" (a target's), or "above" for the last band.
const char* band_label(SloLevel level, const SloThresholds& thresholds);

SloThresholds slo_thresholds(const stats::Histogram& latency, const SloSpec& spec);
SloLevel level_of(uint64_t value_ns, const SloThresholds& thresholds) noexcept;

struct SloVerdict {
  SloTarget target;
  uint64_t measured_ns = 0;  // the run's value at target.percentile
  bool pass = false;         // measured_ns <= target.limit_ns
};

std::vector<SloVerdict> evaluate_slo(const stats::Histogram& latency, const SloSpec& spec);

}  // namespace ringbench::report
