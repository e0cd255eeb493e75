#pragma once
// The human-readable report of one run. Pure: no I/O but `out`.
#include <ostream>

#include "ringbench/core/config.h"
#include "ringbench/report/report_options.h"
#include "ringbench/stats/run_result.h"

namespace ringbench::report {

// Sections: Summary, Response time distribution (p50/p95/p99/p99.9 annotated in ms and
// coloured by SLO level; percentiles the sample cannot support marked), Response time
// histogram (log-spaced, options.hist_bins lines, bars coloured by SLO level) and its legend,
// SLO targets (PASS/FAIL, when --slo), Status code distribution (reason phrases, coloured by
// class), Details (connect/write/wait/read), Errors, Insight, Thresholds (when any).
void write_text(std::ostream& out, const Config& config, const stats::RunResult& result,
                const ReportOptions& options = {});

}  // namespace ringbench::report
