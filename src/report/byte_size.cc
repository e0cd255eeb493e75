#include "byte_size.h"

#include <fmt/format.h>

#include <array>
#include <cmath>

namespace ringbench::report {

namespace {

std::string scaled(double bytes, const char* suffix) {
  constexpr std::array<const char*, 5> units = {"KiB", "MiB", "GiB", "TiB", "PiB"};
  if (bytes < 1024) return fmt::format("{:.0f} bytes{}", bytes, suffix);
  size_t unit = 0;
  double value = bytes / 1024;
  // 1023.999 KiB would print as "1024.00 KiB": step up before rounding can reach 1024.
  while (value >= 1024 - 0.005 && unit + 1 < units.size()) {
    value /= 1024;
    ++unit;
  }
  return fmt::format("{:.2f} {}{}", value, units[unit], suffix);
}

}  // namespace

std::string format_bytes(uint64_t bytes) { return scaled(static_cast<double>(bytes), ""); }

std::string format_bytes_per_second(double bytes_per_second) {
  if (!std::isfinite(bytes_per_second) || bytes_per_second < 0) bytes_per_second = 0;
  // Below 1 KiB/s a fraction of a byte says nothing: round to whole bytes.
  return scaled(bytes_per_second < 1024 ? std::round(bytes_per_second) : bytes_per_second, "/s");
}

}  // namespace ringbench::report
