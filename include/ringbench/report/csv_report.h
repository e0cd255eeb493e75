#pragma once
// -o csv: the percentile table, a blank line, then one row per interval (RFC 4180 quoting).
#include <ostream>

#include "ringbench/core/config.h"
#include "ringbench/stats/run_result.h"

namespace ringbench::report {

// Table 1 header: percentile,latency_ms (open loop: percentile,latency_ms,service_time_ms)   rows
// p10 .. p99.99, then min, mean, max.
// Table 2 header: interval,start_s,end_s,responses,rps,errors,p50_ms,p90_ms,p99_ms,max_ms
void write_csv(std::ostream& out, const Config& config, const stats::RunResult& result);

}  // namespace ringbench::report
