#include "ringbench/report/slo.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <optional>
#include <string>

#include <fmt/format.h>

#include "ringbench/core/duration.h"
#include "ringbench/core/error.h"

namespace ringbench::report {

namespace {

constexpr size_t bound_count = slo_level_count - 1;
constexpr std::array<const char*, bound_count> run_labels = {
    "p25/2", "p25", "p50", "p75", "p90", "p95", "p99", "1.5x p99", "2x p99", "3x p99"};
constexpr std::array<const char*, bound_count> target_labels = {
    "SLO p25/2", "SLO p25", "SLO p50",     "SLO p75",   "SLO p90",
    "SLO p95",   "SLO p99", "1.5x SLO p99", "2x SLO p99", "3x SLO p99"};
constexpr std::array<int, slo_level_count> level_colors = {22,  28,  34,  40,  82, 154,
                                                           226, 214, 202, 160, 88};

// The percentile behind each run-relative bound that a target may replace. Index = bound.
// Bounds 0 and 7..9 are multiples of bounds 1 and 6, so they follow a replaced p25 / p99.
struct NamedBound {
  size_t bound;
  double percentile;
};
constexpr std::array<NamedBound, 6> named_bounds = {
    {{1, 25}, {2, 50}, {3, 75}, {4, 90}, {5, 95}, {6, 99}}};

using Bounds = std::array<uint64_t, bound_count>;
using Pinned = std::array<bool, bound_count>;
using Sources = std::array<BoundSource, bound_count>;

std::string_view trim(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

// 99.9 -> "99.9", 50 -> "50": as the user would have typed it.
std::string fmt_percentile(double p) { return fmt::format("{:g}", p); }

[[noreturn]] void bad_item(std::string_view item, std::string_view why) {
  throw_usage("--slo: invalid target '" + std::string(item) + "': " + std::string(why) +
              " (expected e.g. p50=5ms,p99=50ms,p99.9=100ms)");
}

// "p99.9" -> 99.9. Only digits and one dot after the 'p': no sign, exponent or spaces.
double parse_percentile(std::string_view item, std::string_view text) {
  if (text.size() < 2 || text[0] != 'p') bad_item(item, "percentile must look like p99");
  const std::string_view digits = text.substr(1);
  if (digits.front() == '.' || digits.back() == '.' ||
      digits.find_first_not_of("0123456789.") != std::string_view::npos) {
    bad_item(item, "percentile must look like p99");
  }
  double p = 0;
  const auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), p,
                                         std::chars_format::fixed);
  if (ec != std::errc() || ptr != digits.data() + digits.size()) {
    bad_item(item, "percentile must look like p99");
  }
  if (!(p > 0 && p < 100)) bad_item(item, "percentile must be between 0 and 100");
  return p;
}

// The grammar of -z (core/duration.h), but a unit is required so "p99=50" (50 what?) is
// caught instead of meaning 50 s.
uint64_t parse_limit(std::string_view item, std::string_view text) {
  const std::optional<double> ns = read_duration_ns(text, BareNumber::refused);
  if (!ns || !(*ns >= 1.0)) {
    bad_item(item, "the limit must be a positive number with a unit (ns, us, ms, s, m, h; e.g. 50ms, 1m30s)");
  }
  return static_cast<uint64_t>(std::llround(*ns));
}

SloTarget parse_target(std::string_view item) {
  if (item.empty()) throw_usage("--slo: empty target (expected e.g. p50=5ms,p99=50ms)");
  const size_t eq = item.find('=');
  if (eq == std::string_view::npos) bad_item(item, "missing '='");
  return SloTarget{parse_percentile(item, trim(item.substr(0, eq))),
                   parse_limit(item, trim(item.substr(eq + 1)))};
}

// "p50=50ms,p99=20ms": whenever p99 meets 20 ms, p50 meets 50 ms too, so the p50 target
// could never matter. A higher percentile with a lower limit is almost certainly a typo.
void check_consistent(std::vector<SloTarget> targets) {
  std::sort(targets.begin(), targets.end(),
            [](const SloTarget& a, const SloTarget& b) { return a.percentile < b.percentile; });
  for (size_t i = 1; i < targets.size(); ++i) {
    if (targets[i].percentile == targets[i - 1].percentile) {
      throw_usage("--slo: percentile p" + fmt_percentile(targets[i].percentile) +
                  " given twice");
    }
    if (targets[i].limit_ns < targets[i - 1].limit_ns) {
      throw_usage("--slo: limits must not decrease as the percentile grows (p" +
                  fmt_percentile(targets[i].percentile) + "'s limit is below p" +
                  fmt_percentile(targets[i - 1].percentile) + "'s)");
    }
  }
}

std::optional<uint64_t> target_at(const SloSpec& spec, double percentile) {
  for (const SloTarget& t : spec.targets) {
    if (t.percentile == percentile) return t.limit_ns;
  }
  return std::nullopt;
}

uint64_t scaled(uint64_t ns, double factor) {
  return static_cast<uint64_t>(std::llround(static_cast<double>(ns) * factor));
}

// A run-relative bound must not cross a target: it is clamped between the nearest pinned
// bound below and the nearest above, so "p99=5ms" makes everything above 5 ms at least slow
// even when the run's own p95 was 30 ms. The last pass only matters for a hand-built spec
// whose targets themselves decrease (parse_slo rejects those).
// A bound that takes another's value takes its source too, so its label stays true.
void make_monotonic(Bounds& b, const Pinned& pinned, Sources& source) {
  const auto raise_to = [&](size_t i, size_t j) {
    if (b[i] < b[j]) { b[i] = b[j]; source[i] = source[j]; }
  };
  const auto lower_to = [&](size_t i, size_t j) {
    if (b[i] > b[j]) { b[i] = b[j]; source[i] = source[j]; }
  };
  for (size_t i = 0; i < bound_count; ++i) {
    if (pinned[i]) continue;
    for (size_t j = i; j-- > 0;) {
      if (pinned[j]) { raise_to(i, j); break; }
    }
    for (size_t j = i + 1; j < bound_count; ++j) {
      if (pinned[j]) { lower_to(i, j); break; }
    }
  }
  for (size_t i = 1; i < bound_count; ++i) raise_to(i, i - 1);
}

}  // namespace

const char* band_label(SloLevel level, const SloThresholds& thresholds) {
  const auto i = static_cast<size_t>(level);
  if (i >= bound_count) return "above";
  const BoundSource& s = thresholds.source[i];
  return (s.target ? target_labels : run_labels).at(s.bound);
}

int ansi256_of(SloLevel level) { return level_colors.at(static_cast<size_t>(level)); }

SloSpec parse_slo(std::string_view spec) {
  SloSpec out;
  if (trim(spec).empty()) throw_usage("--slo: empty spec (expected e.g. p50=5ms,p99=50ms)");
  size_t begin = 0;
  while (begin <= spec.size()) {
    const size_t comma = std::min(spec.find(',', begin), spec.size());
    out.targets.push_back(parse_target(trim(spec.substr(begin, comma - begin))));
    begin = comma + 1;
  }
  check_consistent(out.targets);
  return out;
}

SloThresholds slo_thresholds(const stats::Histogram& latency, const SloSpec& spec) {
  SloThresholds out;
  Bounds& b = out.upper_ns;
  Pinned pinned{};
  for (const NamedBound& n : named_bounds) {
    const std::optional<uint64_t> target = target_at(spec, n.percentile);
    b[n.bound] = target.value_or(latency.percentile(n.percentile));
    pinned[n.bound] = target.has_value();
    out.source[n.bound].target = target.has_value();
  }
  b[0] = scaled(b[1], 0.5);
  b[7] = scaled(b[6], 1.5);
  b[8] = scaled(b[6], 2.0);
  b[9] = scaled(b[6], 3.0);
  out.source[0].target = pinned[1];
  for (size_t i = 7; i <= 9; ++i) out.source[i].target = pinned[6];
  make_monotonic(b, pinned, out.source);
  return out;
}

SloLevel level_of(uint64_t value_ns, const SloThresholds& thresholds) noexcept {
  for (size_t i = 0; i < bound_count; ++i) {
    if (value_ns <= thresholds.upper_ns[i]) return static_cast<SloLevel>(i);
  }
  return SloLevel::violation;
}

std::vector<SloVerdict> evaluate_slo(const stats::Histogram& latency, const SloSpec& spec) {
  std::vector<SloVerdict> out;
  out.reserve(spec.targets.size());
  for (const SloTarget& t : spec.targets) {
    const uint64_t measured = latency.percentile(t.percentile);
    // A run without a single response has met no latency objective.
    out.push_back(SloVerdict{t, measured, latency.count() > 0 && measured <= t.limit_ns});
  }
  return out;
}

}  // namespace ringbench::report
