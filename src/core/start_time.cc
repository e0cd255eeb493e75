#include "ringbench/core/start_time.h"

#include <charconv>
#include <optional>
#include <string>

#include "ringbench/core/duration.h"
#include "ringbench/core/error.h"

namespace ringbench {
namespace {

using namespace std::chrono;

// Reads exactly `width` digits at `pos` (RFC 3339 fields are fixed-width).
std::optional<int> digits(std::string_view text, size_t pos, size_t width) {
  if (pos + width > text.size()) return std::nullopt;
  int value = 0;
  for (size_t i = pos; i < pos + width; ++i) {
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

bool separator_at(std::string_view text, size_t pos, char c) { return pos < text.size() && text[pos] == c; }

// "YYYY-MM-DDTHH:MM:SS" without the fraction and offset; nullopt when malformed or impossible.
std::optional<sys_time<seconds>> date_time(std::string_view text) {
  const auto y = digits(text, 0, 4), mo = digits(text, 5, 2), d = digits(text, 8, 2);
  const auto h = digits(text, 11, 2), mi = digits(text, 14, 2), s = digits(text, 17, 2);
  const bool shape = separator_at(text, 4, '-') && separator_at(text, 7, '-') &&
                     (separator_at(text, 10, 'T') || separator_at(text, 10, 't')) && separator_at(text, 13, ':') &&
                     separator_at(text, 16, ':');
  if (!shape || !y || !mo || !d || !h || !mi || !s) return std::nullopt;
  const year_month_day day{year{*y}, month{unsigned(*mo)}, std::chrono::day{unsigned(*d)}};
  // A leap second (:60) cannot be a start: the system clock does not show one.
  if (!day.ok() || *h > 23 || *mi > 59 || *s > 59) return std::nullopt;
  return sys_days{day} + hours{*h} + minutes{*mi} + seconds{*s};
}

// ".250" -> 250 ms; digits past the nanosecond are dropped. Advances `pos` past the fraction.
std::optional<nanoseconds> fraction(std::string_view text, size_t& pos) {
  if (!separator_at(text, pos, '.')) return nanoseconds{0};
  ++pos;
  int64_t ns = 0, scale = 100'000'000;
  const size_t first = pos;
  for (; pos < text.size() && text[pos] >= '0' && text[pos] <= '9'; ++pos, scale /= 10) ns += (text[pos] - '0') * scale;
  if (pos == first) return std::nullopt;
  return nanoseconds{ns};
}

// "Z" or "±HH:MM" at `pos`, to the end: the time is local time minus this offset.
std::optional<minutes> offset(std::string_view text, size_t pos) {
  const std::string_view rest = text.substr(pos);
  if (rest == "Z" || rest == "z") return minutes{0};
  if (rest.size() != 6 || (rest[0] != '+' && rest[0] != '-') || rest[3] != ':') return std::nullopt;
  const auto h = digits(rest, 1, 2), m = digits(rest, 4, 2);
  if (!h || !m || *h > 23 || *m > 59) return std::nullopt;
  const minutes value = hours{*h} + minutes{*m};
  return rest[0] == '+' ? value : -value;
}

std::optional<WallTime> rfc3339(std::string_view text) {
  const auto whole = date_time(text);
  size_t pos = 19;
  const auto frac = whole ? fraction(text, pos) : std::nullopt;
  const auto off = frac ? offset(text, pos) : std::nullopt;
  if (!off) return std::nullopt;
  return time_point_cast<WallTime::duration>(*whole + *frac - *off);
}

}  // namespace

WallTime parse_start_at(std::string_view text, WallTime now) {
  WallTime at;
  if (text.starts_with('+')) {
    at = now + duration_cast<WallTime::duration>(parse_duration(text.substr(1), "--start-at"));
  } else if (const auto parsed = rfc3339(text)) {
    at = *parsed;
  } else {
    throw_usage("--start-at: expected an RFC 3339 time such as 2026-01-31T12:00:00Z, or +D such as +30s, got '" +
                std::string(text) + "'");
  }
  if (at <= now) throw_usage("--start-at: '" + std::string(text) + "' is in the past");
  if (at - now > max_start_ahead) throw_usage("--start-at: '" + std::string(text) + "' is more than 24 hours ahead");
  return at;
}

}  // namespace ringbench
