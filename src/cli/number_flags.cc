#include "number_flags.h"

#include <charconv>
#include <cmath>
#include <string>

namespace ringbench::cli {
namespace {

bool read_whole(const std::string& text, uint64_t& value) {
  if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos) return false;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  return ec == std::errc() && ptr == text.data() + text.size();
}

}  // namespace

CLI::Validator whole_number(uint64_t min, uint64_t max) {
  return CLI::Validator(
      [min, max](std::string& text) {
        uint64_t value = 0;
        if (read_whole(text, value) && value >= min && value <= max) return std::string();
        return "expected a whole number from " + std::to_string(min) + " to " + std::to_string(max) + ", got '" +
               text + "'";
      },
      "N>=" + std::to_string(min));
}

const CLI::Validator positive = whole_number(1, UINT64_MAX);
const CLI::Validator positive_u32 = whole_number(1, UINT32_MAX);

const CLI::Validator port_number(
    [](std::string& text) {
      uint64_t value = 0;
      if (read_whole(text, value) && value <= UINT16_MAX) return std::string();
      return text + " is not a port (0-65535; 0 = any free port)";
    },
    "PORT");

const CLI::Validator decimal_number(
    [](std::string& text) {
      double value = 0;
      const char* end = text.data() + text.size();
      const auto [ptr, ec] = std::from_chars(text.data(), end, value, std::chars_format::fixed);
      if (!text.empty() && ec == std::errc() && ptr == end && std::isfinite(value)) return std::string();
      return "expected a number (e.g. 0.95), got '" + text + "'";
    },
    "X");

}  // namespace ringbench::cli
