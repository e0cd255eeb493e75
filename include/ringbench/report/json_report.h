#pragma once
// The machine-readable report of one run, schema version 1 (documented in README.md).
#include <nlohmann/json.hpp>

#include "ringbench/core/config.h"
#include "ringbench/stats/run_result.h"

namespace ringbench::report {

inline constexpr int json_schema_version = 1;

// Keys keep the schema's order (schema_version, tool, config, summary, ...).
nlohmann::ordered_json to_json(const Config& config, const stats::RunResult& result);

// Rebuilds the latency histogram from the "histogram" member of a schema-1 document.
stats::Histogram histogram_from_json(const nlohmann::ordered_json& histogram);

}  // namespace ringbench::report
