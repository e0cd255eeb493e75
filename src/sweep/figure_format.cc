#include "figure_format.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <string>

#include <fmt/format.h>

namespace ringbench::sweep {

std::string grouped(double value) {
  if (!std::isfinite(value)) return "-";
  const double rounded = std::round(value);
  std::string digits = fmt::format("{:.0f}", std::fabs(rounded));
  for (size_t at = digits.size(); at > 3; at -= 3) digits.insert(at - 3, ",");
  return rounded < 0 ? "-" + digits : digits;
}

std::string rps_text(double rps) {
  if (std::isfinite(rps) && std::fabs(rps) < 10) return fmt::format("{:.1f}", rps);
  return grouped(rps);
}

std::string per_second_text(double rate) { return rps_text(rate) + "/s"; }

std::string ms_text(double ms) {
  if (!std::isfinite(ms)) return "-";
  const int decimals = ms < 1 ? 3 : ms < 100 ? 2 : 1;
  return fmt::format("{:.{}f}", ms, decimals);
}

std::string percent_text(double pct) {
  if (!std::isfinite(pct)) return "-";
  return fmt::format("{:.1f}%", pct);
}

std::string signed_percent_text(double pct) {
  if (!std::isfinite(pct)) return "-";
  return fmt::format("{:+.1f}%", pct);
}

std::string ratio_text(double ratio) {
  if (!std::isfinite(ratio)) return "-";
  return fmt::format("{:.1f}", ratio);
}

namespace {

constexpr int max_decimals = 6;

std::string fixed(double value, int decimals) { return fmt::format("{:.{}f}", value, decimals); }

// from_chars, unlike stod, ignores the locale: fmt wrote a '.' whatever LC_NUMERIC says.
double parsed(const std::string& text) {
  double value = 0;
  std::from_chars(text.data(), text.data() + text.size(), value);
  return value;
}

int decimals_of(const std::string& text) {
  const size_t dot = text.find('.');
  return dot == std::string::npos ? 0 : static_cast<int>(text.size() - dot - 1);
}

}  // namespace

std::string limit_text(double limit, int decimals) {
  if (!std::isfinite(limit)) return "-";
  for (int d = decimals; d < max_decimals; ++d) {
    const std::string text = fixed(limit, d);
    if (std::fabs(parsed(text) - limit) <= 1e-9 * std::max(1.0, std::fabs(limit))) return text;
  }
  return fixed(limit, max_decimals);
}

std::string value_beside(double value, double limit, int decimals) {
  if (!std::isfinite(value)) return "-";
  for (int d = decimals_of(limit_text(limit, decimals)); d < max_decimals; ++d) {
    const std::string text = fixed(value, d);
    if (value == limit || text != fixed(limit, d)) return text;
  }
  return fixed(value, max_decimals);
}

}  // namespace ringbench::sweep
