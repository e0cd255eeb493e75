#pragma once
// The human-readable form of a sweep: the table, the sweet-spot block, the rps/p99 chart and
// the notes on stdout, and one progress line per measured point for stderr. Pure rendering.
#include <cstddef>
#include <ostream>
#include <string>

#include "ringbench/report/style.h"
#include "ringbench/sweep/point.h"
#include "ringbench/sweep/sweep_result.h"

namespace ringbench::sweep {

// Table (c, rps, p50, p95, p99, p99.9, score, verdict; paired mode adds ref rps, ref p99 and
// overhead), flags, sweet-spot block, chart of rps and p99 against c with the sweet spot
// marked ("<- knee"), notes. Points are shown ascending by c. Colour and Unicode bars only
// when `style` says so. A capacity search (sweep --rate) is written as its curve over offered
// rates instead: table, capacity, chart of the served rate and the SLO percentile, notes.
void write_sweep_text(std::ostream& out, const SweepResult& result, const report::Style& style);

// e.g. "[3/7] c=46  41,800 rps  p50 0.231 ms  p99 0.402 ms  ok" (+ repeats, reference and the
// DQ reason when known). ASCII only ("3.5x baseline"); `index` is 0-based and printed
// 1-based, "[3]" alone when `total` is 0 (unknown: --conc auto); no trailing newline.
std::string point_progress_line(const Point& point, size_t index, size_t total);
// The same for the baseline: "[baseline] c=1  4,210 rps  p50 0.231 ms  p99 0.402 ms".
std::string baseline_progress_line(const Point& baseline);
// sweep --rate: "[3] 1,131/s  served 1,131/s  p50 5.21 ms  p99 5.80 ms  pass" (the failure
// instead of "pass" when it failed, then the flags); `index` is 0-based and printed 1-based.
std::string rate_progress_line(const RatePoint& point, size_t index);

}  // namespace ringbench::sweep
