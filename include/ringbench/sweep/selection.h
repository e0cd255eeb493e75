#pragma once
// Which points may be the sweet spot (disqualification rules) and which one is (knee or score
// pick, with a fallback when none qualifies). Pure: works on measured Points only.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ringbench/sweep/point.h"

namespace ringbench::sweep {

enum class PickMethod { power, knee, score };

std::string_view name_of(PickMethod method);  // "power", "knee", "score"
// "power" | "knee" | "score"; anything else throws Error(usage) naming --pick.
PickMethod parse_pick_method(std::string_view text);

struct SelectionParams {
  double max_errors = 0.01, max_spread = 4.0, max_p999_ratio = 8.0, max_tail_mult = 3.0;
  double max_overhead_pct = 25, max_rps_deficit_pct = 50;
  double knee_ratio = 0.95;
  PickMethod pick = PickMethod::power;  // why: README, "Finding the knee"
};

// Throws Error(usage) naming the flag when a value makes no sense: --knee-ratio outside (0, 1],
// --max-errors outside [0, 1], a ratio/multiple that is not > 0, a percentage that is negative,
// or anything not finite.
void check_selection_params(const SelectionParams& params);

struct SweetSpot {
  std::optional<uint32_t> concurrency;  // none only when there are no points at all
  double rps = 0, p50_ms = 0, p99_ms = 0;
  std::string method;      // "power" | "knee" | "score" | "fallback" | "none"
  std::string reasoning;   // e.g. "smallest c reaching 96.1% of peak 41,800 rps @ c=46; p99 2.5× baseline"
  double peak_rps = 0;     // over qualified points (over all points when none qualifies)
  uint32_t peak_concurrency = 0;
};

// The percentile the tail rule (--max-tail-mult) compares: p99 needs 100 baseline samples to be
// more than the baseline's maximum, p90 needs 10; with fewer the rule is skipped. A baseline
// without a sample count (0: hand-made or read back) counts as enough.
inline constexpr uint64_t samples_for_p99 = 100, samples_for_p90 = 10;
enum class TailPercentile { p99, p90, none };
TailPercentile tail_percentile_of(const Measure& baseline);

// Sets every point's score and `disqualified` (cleared first, so judging twice is harmless) to
// the first rule it fails, in this order: zero rps; failed rate > max_errors; p99/p50 >
// max_spread; p99.9/p50 > max_p999_ratio; p99 > baseline p99 × max_tail_mult (p90 against p90
// when the baseline is too short for p99, see tail_percentile_of; only when that figure is > 0); and when `paired`: overhead > max_overhead_pct, rps deficit >
// max_rps_deficit_pct (each only when the point has that figure). Latency ratios are only
// judged when p50 > 0.
void judge(std::vector<Point>& points, const Point& baseline, const SelectionParams& params,
           bool paired);

// The sweet spot among judged points (in any order; ties go to the smaller concurrency):
//  power — the qualified point with the highest power (power_of);
//  knee  — the smallest c whose rps >= knee_ratio × the peak qualified rps;
//  score — the qualified point with the highest score;
//  no qualified point → method "fallback": paired, the smallest overhead_pct (the highest rps
//  when no point has one); otherwise the highest rps. No points → method "none".
// The reasoning names the rule and its numbers, and the p99 multiple of the baseline when
// `baseline` is given and its p99 is > 0.
SweetSpot pick(const std::vector<Point>& points, const SelectionParams& params, bool paired,
               const std::optional<Point>& baseline = std::nullopt);

}  // namespace ringbench::sweep
