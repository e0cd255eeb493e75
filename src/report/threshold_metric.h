#pragma once
// What writers besides the parser need to know about a --threshold metric: its spelling
// ("p99.9", "error_rate") and whether its values are latencies in ns. One table in
// threshold.cc serves all, so the JSON names a threshold as the user typed it.
#include "ringbench/report/threshold.h"

namespace ringbench::report {

const char* name_of(Metric metric);
bool is_latency(Metric metric);

}  // namespace ringbench::report
