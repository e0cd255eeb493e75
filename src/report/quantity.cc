#include "quantity.h"

#include <fmt/format.h>

#include <array>
#include <charconv>
#include <cmath>

#include "ringbench/core/duration.h"

namespace ringbench::report {

std::string_view trim(std::string_view text) noexcept {
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t");
  return text.substr(first, last - first + 1);
}

std::optional<double> parse_plain_number(std::string_view text) {
  // from_chars alone would accept "-1"; a leading digit also refuses ".5" and "+1", which
  // are unusual enough in a gate that a typo is the likelier reading.
  if (text.empty() || text.front() < '0' || text.front() > '9') return std::nullopt;
  double value = 0;
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value, std::chars_format::fixed);
  if (ec != std::errc() || ptr != end || !std::isfinite(value)) return std::nullopt;
  return value;
}

std::optional<double> parse_fraction(std::string_view text) {
  if (text.ends_with('%')) {
    const auto percent = parse_plain_number(trim(text.substr(0, text.size() - 1)));
    if (!percent) return std::nullopt;
    return *percent / 100.0;
  }
  const auto fraction = parse_plain_number(text);
  if (!fraction || *fraction > 1.0) return std::nullopt;
  return fraction;
}

std::optional<double> parse_latency_ns(std::string_view text) {
  return read_duration_ns(text, BareNumber::refused);
}

namespace {

struct LatencyUnit {
  const char* name;
  double ns;
};

LatencyUnit unit_for(double ns) {
  if (ns < 1e3) return {"ns", 1};
  if (ns < 1e6) return {"us", 1e3};
  if (ns < 1e9) return {"ms", 1e6};
  return {"s", 1e9};
}

double finite_non_negative(double x) { return std::isfinite(x) && x > 0 ? x : 0.0; }

}  // namespace

std::string format_latency_as(double ns, double scale_ns) {
  ns = finite_non_negative(ns);
  scale_ns = finite_non_negative(scale_ns);
  const LatencyUnit unit = unit_for(scale_ns);
  // Three significant digits of the scale (1 to 999 in its unit); whole nanoseconds.
  const double scaled = scale_ns / unit.ns;
  const int decimals = unit.ns == 1 ? 0 : scaled < 10 ? 2 : scaled < 100 ? 1 : 0;
  return fmt::format("{:.{}f}{}", ns / unit.ns, decimals, unit.name);
}

std::string format_latency(double ns) { return format_latency_as(ns, ns); }

std::string format_rate(double fraction) {
  if (!std::isfinite(fraction) || fraction < 0) fraction = 0;
  const double percent = fraction * 100.0;
  if (percent > 0 && percent < 0.005) return "<0.01%";
  return fmt::format("{:.2f}%", percent);
}

std::string format_rps_number(double rps) {
  if (!std::isfinite(rps) || rps < 0) rps = 0;
  return rps >= 100 ? fmt::format("{:.0f}", rps) : fmt::format("{:.2f}", rps);
}

}  // namespace ringbench::report
