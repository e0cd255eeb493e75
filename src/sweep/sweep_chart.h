#pragma once
// The ASCII chart of the sweep's text output: rps and p99 against c, one row per level, each
// bar scaled to its own maximum, the sweet spot marked. Private to module sweep.
#include <ostream>
#include <vector>

#include "ringbench/report/style.h"
#include "ringbench/sweep/point.h"
#include "ringbench/sweep/selection.h"

namespace ringbench::sweep {

inline constexpr int chart_rps_width = 30;
inline constexpr int chart_p99_width = 20;

// Length of a bar for `value` when `max` fills `width`: at least 1 for any value above 0, so
// a small but real figure never looks like nothing.
int bar_length(double value, double max, int width);

// Rows in the given order (the caller sorts by c). The sweet-spot row ends with "<- knee"
// (or "<- score", "<- fallback"); disqualified rows with "DQ".
void write_sweep_chart(std::ostream& out, const std::vector<const Point*>& points,
                       const SweetSpot& spot, const report::Style& style);

}  // namespace ringbench::sweep
