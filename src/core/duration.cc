#include "ringbench/core/duration.h"

#include <charconv>
#include <cmath>
#include <cstdio>

#include "ringbench/core/error.h"

namespace ringbench {
namespace {

struct Unit {
  std::string_view suffix;
  double ns;
};

// Longest suffixes first so "ms" is not read as "m" followed by junk.
constexpr Unit units[] = {
    {"ns", 1.0}, {"us", 1e3}, {"µs", 1e3}, {"ms", 1e6}, {"s", 1e9}, {"m", 60e9}, {"h", 3600e9},
};

bool parse_number(std::string_view text, double& out) {
  if (text.empty()) return false;
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, out, std::chars_format::fixed);
  return ec == std::errc() && ptr == end && std::isfinite(out);
}

}  // namespace

Nanos parse_duration(std::string_view text, std::string_view what) {
  const std::string bad = std::string(what) + ": invalid duration '" + std::string(text) +
                          "' (expected e.g. 500ms, 10s, 2m, 1h)";
  double scale = 1e9;  // bare number = seconds
  std::string_view number = text;
  for (const Unit& u : units) {
    if (text.size() > u.suffix.size() && text.ends_with(u.suffix)) {
      number = text.substr(0, text.size() - u.suffix.size());
      scale = u.ns;
      break;
    }
  }
  double value = 0;
  if (!parse_number(number, value)) throw_usage(bad);
  const double ns = value * scale;
  if (!(ns >= 1.0) || ns > 1e18) throw_usage(bad);
  return Nanos(static_cast<int64_t>(std::llround(ns)));
}

std::string format_duration(Nanos d) {
  const double ns = static_cast<double>(d.count());
  char buf[48];
  if (ns >= 1e9) {
    std::snprintf(buf, sizeof buf, "%.3gs", ns / 1e9);
  } else if (ns >= 1e6) {
    std::snprintf(buf, sizeof buf, "%.3gms", ns / 1e6);
  } else if (ns >= 1e3) {
    std::snprintf(buf, sizeof buf, "%.3gus", ns / 1e3);
  } else {
    std::snprintf(buf, sizeof buf, "%.0fns", ns);
  }
  return buf;
}

}  // namespace ringbench
