#include "report_file.h"

#include <fstream>

#include "ringbench/core/error.h"

namespace ringbench::cli {

nlohmann::ordered_json read_json_report(const std::string& path, std::string_view command) {
  std::ifstream in(path);
  if (!in) throw_usage(std::string(command) + ": cannot read '" + path + "'");
  try {
    return nlohmann::ordered_json::parse(in);
  } catch (const nlohmann::json::exception& e) {
    throw_usage(std::string(command) + ": '" + path + "' is not JSON (" + std::string(e.what()) + ")");
  }
}

}  // namespace ringbench::cli
