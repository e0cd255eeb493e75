#pragma once
// The human-readable form of sweep --rate: heading, the curve as a table and as a chart of the
// served rate and the SLO's percentile against the offered rate, and the capacity. The notes
// follow (sweep_text.cc writes them for both kinds of sweep). Private to module sweep.
#include <ostream>
#include <string>

#include "ringbench/report/style.h"
#include "ringbench/sweep/rate_point.h"
#include "ringbench/sweep/sweep_result.h"

namespace ringbench::sweep {

inline constexpr int rate_chart_served_width = 24;
inline constexpr int rate_chart_latency_width = 24;  // the SLO limit at its middle

void write_rate_text(std::ostream& out, const SweepResult& result, const report::Style& style);

// "p99 <= 20 ms" (targets joined by ", "): the SLO as the user wrote it.
std::string slo_text(const report::SloSpec& slo);

}  // namespace ringbench::sweep
