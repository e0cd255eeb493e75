#pragma once
// The open-loop (--rate) members of a run's JSON: `client` here, and `service_time_us`, which
// has the keys of `latency_us` (both written by latency_json).
#include <nlohmann/json.hpp>

#include "ringbench/core/config.h"
#include "ringbench/stats/histogram.h"
#include "ringbench/stats/run_result.h"

namespace ringbench::report {

// {min, mean, stdev, max, p50, p75, p90, p95, p99, p99_9, p99_99} in µs (json_report.cc).
nlohmann::ordered_json latency_json(const stats::Histogram& h);

// {target_rate, achieved_rate, scheduled, waited_for_connection, max_client_queue,
// send_lag_us {p50, p99, max}, behind_schedule, behind_schedule_reason (null when on schedule)}.
nlohmann::ordered_json client_json(const Config& config, const stats::RunResult& result);

}  // namespace ringbench::report
