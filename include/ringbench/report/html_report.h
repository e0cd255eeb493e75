#pragma once
// Self-contained HTML reports (one file, inline SVG and CSS, nothing fetched), drawn from the
// JSON documents ringbench writes: a run's, a sweep's, and a comparison of two runs.
#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

namespace ringbench::report {

std::string run_html(const nlohmann::ordered_json& run);
// A sweep's page; a capacity search's ("mode": "rate") is rate_sweep_html's.
std::string sweep_html(const nlohmann::ordered_json& sweep);
std::string rate_sweep_html(const nlohmann::ordered_json& sweep);
// `verdict` is compare's own text (its table and judgement), shown as it printed it.
std::string compare_html(const nlohmann::ordered_json& base, const nlohmann::ordered_json& current,
                         std::string_view verdict);

// A saved run or sweep document (either kind), told apart by its keys. Throws Error(usage) for any other.
std::string document_html(const nlohmann::ordered_json& doc);

}  // namespace ringbench::report
