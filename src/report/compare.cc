#include "ringbench/report/compare.h"

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ringbench/report/ansi.h"
#include "compare_context.h"
#include "compare_noise.h"
#include "compare_outcomes.h"
#include "quantity.h"
#include "ringbench/core/error.h"

namespace ringbench::report {

namespace {

using json = nlohmann::ordered_json;
using Pointer = json::json_pointer;

// Float noise must not turn "exactly +10 %" into a regression against a 10 % limit.
constexpr double tolerance = 1e-9;

// ---- reading the two documents -------------------------------------------------------------

// Every member the comparison reads, so a truncated or foreign file fails up front with the
// member it lacks instead of halfway through the table.
constexpr std::array<const char*, 10> required_numbers = {
    "/summary/rps",     "/summary/responses", "/summary/errors", "/summary/requests",
    "/latency_us/p50",  "/latency_us/p90",    "/latency_us/p99", "/latency_us/p99_9",
    "/latency_us/mean", "/schema_version"};

void validate(const json& doc, const char* which) {
  const auto bad = [&](const std::string& why) {
    throw_usage(fmt::format("compare: the {} document is not a ringbench run report ({})",
                            which, why));
  };
  if (!doc.is_object()) bad("not a JSON object");
  for (const char* path : required_numbers) {
    const Pointer p(path);
    if (!doc.contains(p) || !doc.at(p).is_number()) {
      bad(fmt::format("{} missing or not a number", path));
    }
  }
  // 2 only added members (the open-loop ones): a version-1 report reads as a closed-loop run.
  if (doc.at("schema_version") != 1 && doc.at("schema_version") != 2) {
    bad(fmt::format("schema_version {}, expected 1 or 2", doc.at("schema_version").dump()));
  }
  if (!doc.contains(Pointer("/tool/name")) || doc.at(Pointer("/tool/name")) != "ringbench") {
    bad("tool.name is not \"ringbench\"");
  }
  for (const char* path : {"/config/url", "/config/method"}) {
    if (!doc.contains(Pointer(path)) || !doc.at(Pointer(path)).is_string()) {
      bad(fmt::format("{} missing", path));
    }
  }
  for (const char* path : {"/config/requests", "/config/duration_s"}) {
    if (!doc.contains(Pointer(path))) bad(fmt::format("{} missing", path));
  }
}

double number_at(const json& doc, const char* path) { return doc.at(Pointer(path)).get<double>(); }

// ---- the table -----------------------------------------------------------------------------

enum class Better : uint8_t { higher, lower };
enum class Shown : uint8_t { rps, latency_us, rate, count };

struct Row {
  const char* label;
  Better better;
  Shown shown;
  double base;
  double current;
  std::optional<double> noise;  // half-width of the run-to-run noise band, in the row's unit
};

// Both runs' figures, read once.
struct Pair {
  const json& base;
  const json& current;
  StatusMix base_mix;
  StatusMix current_mix;
  Noise noise;
};

std::vector<Row> rows_of(const Pair& p) {
  std::vector<Row> rows;
  const auto add = [&](const char* label, Better better, Shown shown, const char* path,
                       std::optional<double> noise = std::nullopt) {
    rows.push_back({label, better, shown, number_at(p.base, path), number_at(p.current, path), noise});
  };
  const auto rate = [&](const char* label, double base, double current) {
    rows.push_back({label, Better::lower, Shown::rate, base, current, std::nullopt});
  };
  add("requests/s", Better::higher, Shown::rps, "/summary/rps", p.noise.rps);
  add("p50", Better::lower, Shown::latency_us, "/latency_us/p50", p.noise.p50_us);
  add("p90", Better::lower, Shown::latency_us, "/latency_us/p90", p.noise.p90_us);
  add("p99", Better::lower, Shown::latency_us, "/latency_us/p99", p.noise.p99_us);
  add("p99.9", Better::lower, Shown::latency_us, "/latency_us/p99_9");
  add("mean latency", Better::lower, Shown::latency_us, "/latency_us/mean");
  const stats::OutcomeCounts& b = p.base_mix.counts;
  const stats::OutcomeCounts& c = p.current_mix.counts;
  rate("error rate", b.error_rate(), c.error_rate());
  rate("non-2xx rate", b.non2xx_rate(), c.non2xx_rate());
  // The classes behind the non-2xx rate, when either run had any: a shift from 4xx to 5xx
  // at the same total shows here.
  static constexpr std::array<const char*, 4> class_labels = {"1xx rate", "3xx rate", "4xx rate", "5xx rate"};
  static constexpr std::array<int, 4> classes = {1, 3, 4, 5};
  for (size_t i = 0; i < classes.size(); ++i) {
    const uint64_t nb = p.base_mix.in_class(classes[i]), nc = p.current_mix.in_class(classes[i]);
    if (nb + nc > 0) rate(class_labels[i], p.base_mix.share(nb), p.current_mix.share(nc));
  }
  add("responses", Better::higher, Shown::count, "/summary/responses");
  return rows;
}

// `other` is the row's other value: both sides of a latency row share one unit.
std::string shown(Shown how, double value, double other) {
  switch (how) {
    case Shown::rps: return format_rps_number(value);
    case Shown::latency_us:
      return format_latency_as(value * 1000.0, std::max(value, other) * 1000.0);
    case Shown::rate: return format_rate(value);
    case Shown::count: return fmt::format("{:.0f}", value);
  }
  return {};
}

// Relative change; "n/a" when the base is 0 and the current is not (no percentage of 0).
std::string change_text(double base, double current) {
  if (base == current) return "0.0%";
  if (base == 0) return "n/a";
  return fmt::format("{:+.1f}%", (current - base) / base * 100.0);
}

bool within_noise(const Row& r) {
  return r.noise && std::abs(r.current - r.base) < *r.noise;
}

const char* judgement(const Row& r) {
  if (r.base == r.current) return "same";
  if (within_noise(r)) return "noise";
  const bool higher = r.current > r.base;
  return higher == (r.better == Better::higher) ? "better" : "worse";
}

// Issue 3's compare colours: green for better, red for worse; "same" and "noise" stay plain.
constexpr int better_color = 34;
constexpr int worse_color = 196;

std::string coloured(const Style& style, std::string_view verdict, const std::string& text) {
  if (verdict == "better") return paint(text, better_color, style);
  if (verdict == "worse") return paint(text, worse_color, style);
  return text;
}

void write_table(std::ostream& out, const std::vector<Row>& rows, const Style& style) {
  fmt::print(out, "{:<14}{:>14}{:>14}{:>10}\n", "metric", "base", "current", "change");
  for (const Row& r : rows) {
    const char* verdict = judgement(r);
    // Padded before colouring: escape codes have no width but would count as characters.
    const std::string tail = fmt::format("{:>10}  {}", change_text(r.base, r.current), verdict);
    fmt::print(out, "{:<14}{:>14}{:>14}{}\n", r.label, shown(r.shown, r.base, r.current),
               shown(r.shown, r.current, r.base), coloured(style, verdict, tail));
  }
}

const Row& row_named(const std::vector<Row>& rows, std::string_view label) {
  for (const Row& r : rows) {
    if (label == r.label) return r;
  }
  throw_usage("compare: internal: no row " + std::string(label));
}

// The band as a share of the base: "±3.2%".
std::string noise_percent(const Row& r) {
  return r.base > 0 ? fmt::format("±{:.1f}%", *r.noise / r.base * 100.0) : "n/a";
}

void write_noise(std::ostream& out, const std::vector<Row>& rows, const Noise& noise) {
  if (!noise.unavailable.empty()) {
    fmt::print(out, "noise: not assessed ({}); the limits alone decide\n", noise.unavailable);
    return;
  }
  std::vector<std::string> bands;
  for (const char* label : {"requests/s", "p50", "p90", "p99"}) {
    const Row& r = row_named(rows, label);
    bands.push_back(fmt::format("{} {}", label, r.noise ? noise_percent(r) : "n/a"));
  }
  fmt::print(out,
             "noise: ±2 combined standard errors of the per-second values ({} and {} whole "
             "intervals): {}\n",
             noise.base_intervals, noise.current_intervals, fmt::join(bands, ", "));
}

// ---- regressions ---------------------------------------------------------------------------

std::string limit_percent(double fraction) { return fmt::format("{:g}%", fraction * 100.0); }

struct Judged {
  std::vector<std::string> failed;  // metric names beyond their limits (and the noise)
  size_t within_noise = 0;          // beyond their limits but within the noise
};

// Appends one line per metric beyond its limit.
Judged regressions(std::ostream& out, const Pair& pair, const std::vector<Row>& rows,
                   const RegressionLimits& limits) {
  Judged judged;
  const auto relative = [&](const char* name, const char* label, double limit, double sign) {
    const Row& r = row_named(rows, label);
    if (r.base <= 0) return;  // nothing to be a percentage of (e.g. no response in the base)
    const double worse_by = sign * (r.current - r.base) / r.base;
    if (worse_by <= limit + tolerance) return;
    const std::string what =
        fmt::format("{} {} -> {} ({}, limit {}{}", label, shown(r.shown, r.base, r.current),
                    shown(r.shown, r.current, r.base), change_text(r.base, r.current),
                    sign > 0 ? "+" : "-", limit_percent(limit));
    if (within_noise(r)) {
      fmt::print(out, "within noise: {}, noise {}): not counted as a regression\n", what, noise_percent(r));
      ++judged.within_noise;
      return;
    }
    fmt::print(out, "regression: {}{})\n", what, r.noise ? ", beyond noise " + noise_percent(r) : "");
    judged.failed.emplace_back(name);
  };
  relative("p99", "p99", limits.p99, +1);
  relative("p50", "p50", limits.p50, +1);
  relative("rps", "requests/s", limits.rps, -1);

  const Row& e = row_named(rows, "error rate");
  if (e.current - e.base > limits.error_rate + tolerance) {
    fmt::print(out, "regression: error rate {} -> {} ({:+.2f} points, limit +{:g} points)\n",
               format_rate(e.base), format_rate(e.current), (e.current - e.base) * 100.0,
               limits.error_rate * 100.0);
    judged.failed.emplace_back("error_rate");
  }
  const std::vector<std::string> status =
      non2xx_regressions(pair.base_mix, pair.current_mix, limits.non2xx_rate);
  for (const std::string& line : status) fmt::print(out, "regression: {}\n", line);
  if (!status.empty()) judged.failed.emplace_back("non2xx_rate");
  return judged;
}

std::string limits_text(const RegressionLimits& limits) {
  return fmt::format("p99 +{}, p50 +{}, requests/s -{}, error rate +{:g} points, non-2xx rate +{:g} points",
                     limit_percent(limits.p99), limit_percent(limits.p50), limit_percent(limits.rps),
                     limits.error_rate * 100.0, limits.non2xx_rate * 100.0);
}

// ---- context -------------------------------------------------------------------------------

// Prints what the context check found; false when the runs must not be compared.
bool write_context(std::ostream& out, const ContextCheck& check, bool force) {
  if (!check.differences.empty() && !force) {
    for (const std::string& d : check.differences) fmt::print(out, "not comparable: {}\n", d);
    fmt::print(out, "(--force compares them anyway)\n");
    return false;
  }
  for (const std::string& d : check.differences) fmt::print(out, "note: compared despite {} (--force)\n", d);
  if (!check.unchecked.empty()) {
    fmt::print(out, "note: not checked (written by an older ringbench?): {}\n", fmt::join(check.unchecked, ", "));
  }
  for (const std::string& w : check.warnings) fmt::print(out, "warning: {}\n", w);
  if (!check.started.empty()) fmt::print(out, "{}\n", check.started);
  out << "\n";
  return true;
}

}  // namespace

RegressionLimits parse_regression_limits(std::string_view spec, RegressionLimits base) {
  const auto fail = [&](const std::string& why) {
    throw_usage(fmt::format("--max-regression '{}': {} (expected e.g. p99=10%,rps=5%)", spec, why));
  };
  RegressionLimits limits = base;
  std::vector<std::string_view> seen;
  std::string_view rest = spec;
  while (true) {
    const size_t comma = rest.find(',');
    const std::string_view item = trim(rest.substr(0, comma));
    if (item.empty()) fail("empty item");
    const size_t eq = item.find('=');
    if (eq == std::string_view::npos) fail(fmt::format("'{}' has no '='", item));
    const std::string_view name = trim(item.substr(0, eq));
    const auto value = parse_fraction(trim(item.substr(eq + 1)));
    if (!value) fail(fmt::format("'{}' needs a percentage or a fraction from 0 to 1", item));
    for (std::string_view s : seen) {
      if (s == name) fail(fmt::format("{} given twice", name));
    }
    seen.push_back(name);
    double* limit = name == "p50"           ? &limits.p50
                    : name == "p99"         ? &limits.p99
                    : name == "rps"         ? &limits.rps
                    : name == "error_rate"  ? &limits.error_rate
                    : name == "non2xx_rate" ? &limits.non2xx_rate
                                            : nullptr;
    if (limit == nullptr) {
      fail(fmt::format("unknown metric '{}' (p50, p99, rps, error_rate, non2xx_rate)", name));
    }
    *limit = *value;
    if (comma == std::string_view::npos) break;
    rest = rest.substr(comma + 1);
  }
  return limits;
}

CompareOutcome compare_runs(std::ostream& out, const json& base, const json& current,
                            const RegressionLimits& limits, const Style& style, bool force) {
  validate(base, "base");
  validate(current, "current");
  const Pair pair{base, current, status_mix_of(base, "base"), status_mix_of(current, "current"),
                  noise_of(base, current)};

  const ContextCheck context = check_context(base, current);
  if (!context.loop_mismatch.empty()) {
    fmt::print(out, "not comparable: {}\n", context.loop_mismatch);
    return {CompareVerdict::not_comparable, context.loop_mismatch, false};
  }
  if (!write_context(out, context, force)) {
    return {CompareVerdict::not_comparable, fmt::format("{}", fmt::join(context.differences, "; "))};
  }

  const std::vector<Row> rows = rows_of(pair);
  write_table(out, rows, style);
  out << "\n";
  write_noise(out, rows, pair.noise);
  const Judged judged = regressions(out, pair, rows, limits);
  if (!judged.failed.empty()) {
    return {CompareVerdict::regressed, fmt::format("{}", fmt::join(judged.failed, ", "))};
  }
  fmt::print(out, "no regression beyond {} ({})\n",
             judged.within_noise == 0 ? "the limits" : "both the limits and the run-to-run noise",
             limits_text(limits));
  return {};
}

}  // namespace ringbench::report
