#pragma once
// Quantities as CI gates spell them and as reports print them. --threshold and
// `compare --max-regression` share these so that both accept "1%" and "0.01" alike and a
// measured value reads the same in the threshold lines as in the compare table.
#include <optional>
#include <string>
#include <string_view>

namespace ringbench::report {

std::string_view trim(std::string_view text) noexcept;

// A non-negative decimal number without sign, exponent or unit ("12", "1.5"); nullopt otherwise.
std::optional<double> parse_plain_number(std::string_view text);

// "1%" -> 0.01 (any non-negative percentage) or a bare fraction "0.01" within 0..1: a bare
// "5" is refused rather than read as 500 % when the user most likely meant 5 %.
std::optional<double> parse_fraction(std::string_view text);

// "20ms" -> 2e7, "1.5 s" -> 1.5e9, "1m30s" -> 9e10: a latency in ns, in the grammar of -z
// (core/duration.h); a unit is required so "p99 < 20" cannot silently mean 20 ns or 20 s.
std::optional<double> parse_latency_ns(std::string_view text);

// "850ns", "12.3us", "12.3ms", "1.50s": three significant digits in the largest unit that
// keeps the number >= 1.
std::string format_latency(double ns);

// `ns` in the unit and precision format_latency picks for `scale_ns`: the two sides of a
// comparison then read in one unit ("0.98ms" beside "1.01ms", not "980us" beside "1.01ms").
std::string format_latency_as(double ns, double scale_ns);

// "0.42%"; a non-zero rate that would round to 0.00% prints "<0.01%" so it is not hidden.
std::string format_rate(double fraction);

// "48213" (no decimals at and above 100/s, two below, where they still mean something).
std::string format_rps_number(double rps);

}  // namespace ringbench::report
