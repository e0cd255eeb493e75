#pragma once
// SLO levels of latencies: 11 levels from elite to violation, run-relative thresholds
// (from the run's own percentiles) optionally replaced by absolute targets (--slo).
#include <array>
#include <cstdint>
#include <string_view>
#include <vector>

#include "ringbench/stats/histogram.h"

namespace ringbench::report {

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

const char* name_of(SloLevel level);  // "elite", "excellent", ..., "very slow", ..., "violation"
int ansi256_of(SloLevel level);       // the colour numbers above

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

// Upper bound (ns, inclusive) of each level but the last; a value above upper_ns[9] is a
// violation. Targets whose percentile names a level threshold (p25 excellent, p50 good,
// p75 normal, p90 acceptable, p95 degraded, p99 slow) replace it; the bounds are then made
// monotonic (each at least the one before).
struct SloThresholds {
  std::array<uint64_t, slo_level_count - 1> upper_ns{};
};

SloThresholds slo_thresholds(const stats::Histogram& latency, const SloSpec& spec);
SloLevel level_of(uint64_t value_ns, const SloThresholds& thresholds) noexcept;

struct SloVerdict {
  SloTarget target;
  uint64_t measured_ns = 0;  // the run's value at target.percentile
  bool pass = false;         // measured_ns <= target.limit_ns
};

std::vector<SloVerdict> evaluate_slo(const stats::Histogram& latency, const SloSpec& spec);

}  // namespace ringbench::report
