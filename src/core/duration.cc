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

// Largest first: a compound duration names its units in this order ("1h2m3s", not "3s1h").
// Within one length, "ms" is tried before "m" so "5ms" is not read as "5m" followed by "s".
constexpr Unit units[] = {
    {"h", 3600e9}, {"ms", 1e6}, {"m", 60e9}, {"s", 1e9}, {"us", 1e3}, {"µs", 1e3}, {"ns", 1.0},
};
constexpr size_t unit_count = sizeof units / sizeof units[0];

bool is_blank(char c) { return c == ' ' || c == '\t'; }

void skip_blanks(std::string_view& text) {
  while (!text.empty() && is_blank(text.front())) text.remove_prefix(1);
}

// Digits, optionally a dot and more digits: no sign, exponent, leading dot, inf or nan.
bool take_number(std::string_view& text, double& out) {
  size_t end = 0;
  while (end < text.size() && text[end] >= '0' && text[end] <= '9') ++end;
  if (end == 0) return false;
  if (end < text.size() && text[end] == '.') {
    const size_t fraction = ++end;
    while (end < text.size() && text[end] >= '0' && text[end] <= '9') ++end;
    if (end == fraction) return false;
  }
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + end, out, std::chars_format::fixed);
  if (ec != std::errc() || ptr != text.data() + end || !std::isfinite(out)) return false;
  text.remove_prefix(end);
  return true;
}

// The unit at the front of `text`, or unit_count when there is none.
size_t take_unit(std::string_view& text) {
  for (size_t i = 0; i < unit_count; ++i) {
    if (text.starts_with(units[i].suffix)) {
      text.remove_prefix(units[i].suffix.size());
      return i;
    }
  }
  return unit_count;
}

// How large a unit is, for the "largest first" rule ("ms" and "µs"/"us" share a rank).
double rank_of(size_t unit) { return units[unit].ns; }

}  // namespace

std::optional<double> read_duration_ns(std::string_view text, BareNumber bare) {
  skip_blanks(text);
  while (!text.empty() && is_blank(text.back())) text.remove_suffix(1);
  if (text.empty()) return std::nullopt;
  double total = 0;
  double previous_rank = INFINITY;
  bool first = true;
  while (!text.empty()) {
    double value = 0;
    if (!take_number(text, value)) return std::nullopt;
    skip_blanks(text);
    if (text.empty() && first && bare == BareNumber::seconds) {
      total = value * 1e9;
      break;
    }
    const size_t unit = take_unit(text);
    if (unit == unit_count || !(rank_of(unit) < previous_rank)) return std::nullopt;
    previous_rank = rank_of(unit);
    total += value * units[unit].ns;
    skip_blanks(text);
    first = false;
  }
  if (!std::isfinite(total) || total > 1e18) return std::nullopt;
  return total;
}

Nanos parse_duration(std::string_view text, std::string_view what) {
  const std::optional<double> ns = read_duration_ns(text, BareNumber::seconds);
  if (!ns || !(*ns >= 1.0)) {
    throw_usage(std::string(what) + ": invalid duration '" + std::string(text) +
                "' (expected e.g. 500ms, 10s, 2m, 1m30s, 1h)");
  }
  return Nanos(static_cast<int64_t>(std::llround(*ns)));
}

// In the largest unit that shows it exactly with at most three decimals and reads back as the
// same duration ("1.5s", "250ms", "1500000.001us", "7ns"). Reading goes through a double, so
// beyond 2^53 ns (104 days) a decimal in a larger unit may read back a nanosecond off: the
// text in ns is the fallback (exact up to there, and within a part in 10^15 beyond).
std::string format_duration(Nanos d) {
  const int64_t ns = d.count();
  struct Unit {
    int64_t size;
    const char* name;
  };
  for (const Unit u : {Unit{1'000'000'000, "s"}, Unit{1'000'000, "ms"}, Unit{1'000, "us"}}) {
    const int64_t step = u.size / 1000;  // three decimals
    if (ns < u.size || ns % step != 0) continue;
    std::string text = std::to_string(ns / u.size);
    if (const int64_t frac = (ns % u.size) / step; frac != 0) {
      char digits[24];
      std::snprintf(digits, sizeof digits, ".%03lld", static_cast<long long>(frac));
      std::string f = digits;
      while (f.back() == '0') f.pop_back();
      text += f;
    }
    text += u.name;
    const std::optional<double> back = read_duration_ns(text, BareNumber::refused);
    if (back && std::llround(*back) == ns) return text;
  }
  return std::to_string(ns) + "ns";
}

}  // namespace ringbench
