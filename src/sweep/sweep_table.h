#pragma once
// The per-level table of the sweep's text output. Private to module sweep.
#include <ostream>
#include <vector>

#include "ringbench/report/style.h"
#include "ringbench/sweep/sweep_result.h"

namespace ringbench::sweep {

// One row per point in the given order (the caller sorts by c): c, rps, p50, p95, p99, p99.9,
// score, verdict; paired adds ref rps, ref p99 and overhead. Then the points' flags, if any.
void write_sweep_table(std::ostream& out, const std::vector<const Point*>& points,
                       const SweepResult& result, const report::Style& style);

}  // namespace ringbench::sweep
