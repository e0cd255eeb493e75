#pragma once
// Reading a JSON report ringbench wrote (compare's inputs, `report`'s input).
#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

namespace ringbench::cli {

// Throws Error(usage) naming `command` and the path: unreadable, or not JSON.
nlohmann::ordered_json read_json_report(const std::string& path, std::string_view command);

}  // namespace ringbench::cli
