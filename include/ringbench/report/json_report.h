#pragma once
// The machine-readable report of one run, schema version 2 (documented in README.md; 2 added
// the open-loop members: config.rate/arrivals/seed/warmup_s, service_time_us, client and
// phases_us.queue).
#include <nlohmann/json.hpp>

#include "ringbench/core/config.h"
#include "ringbench/report/report_options.h"
#include "ringbench/stats/run_result.h"

namespace ringbench::report {

inline constexpr int json_schema_version = 2;

// summary.unfinished_age_ms lists every unfinished request's age (all_ns) up to this many, and
// holds a histogram of them (to 3 significant digits) beyond.
inline constexpr size_t max_listed_unfinished_ages = 100'000;

// Keys keep the schema's order (schema_version, tool, config, summary, ...). Besides the core
// keys: insights [..], slo {levels: [{name, upper_ms}], targets: [{percentile, limit_ms,
// measured_ms, pass}]}, thresholds [{expression, metric, measured, limit, pass}], intervals [..].
nlohmann::ordered_json to_json(const Config& config, const stats::RunResult& result,
                               const ReportOptions& options = {});

// One interval as an object (also one NDJSON line): {type: "interval", index, start_s, end_s,
// responses, rps, errors {class: n}, latency_ms {p50, p90, p99, max}}.
nlohmann::ordered_json interval_json(const stats::IntervalSummary& interval);

// Rebuilds the latency histogram from the "histogram" member of a schema-1 or -2 document, with the
// exact min and max when the member has them (so its percentiles equal the written ones).
stats::Histogram histogram_from_json(const nlohmann::ordered_json& histogram);

}  // namespace ringbench::report
