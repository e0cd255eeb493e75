#include "ringbench/report/compare.h"

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ansi.h"
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
    throw_usage(fmt::format("compare: the {} document is not a ringbench schema-1 report ({})",
                            which, why));
  };
  if (!doc.is_object()) bad("not a JSON object");
  for (const char* path : required_numbers) {
    const Pointer p(path);
    if (!doc.contains(p) || !doc.at(p).is_number()) {
      bad(fmt::format("{} missing or not a number", path));
    }
  }
  if (doc.at("schema_version") != 1) {
    bad(fmt::format("schema_version {}", doc.at("schema_version").dump()));
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

double error_rate_of(const json& doc) {
  const double requests = number_at(doc, "/summary/requests");
  return requests > 0 ? number_at(doc, "/summary/errors") / requests : 0.0;
}

// "-n" or "-z": a count run and a timed run measure different things (a timed run's rate
// includes its ramp to the deadline, a count run's its tail), so they are not compared.
std::string mode_of(const json& config) {
  if (!config.at("requests").is_null()) return "-n";
  if (!config.at("duration_s").is_null()) return "-z";
  return "none";
}

std::string differences(const json& base, const json& current) {
  std::vector<std::string> found;
  for (const char* key : {"url", "method"}) {
    const json& b = base.at("config").at(key);
    const json& c = current.at("config").at(key);
    if (b != c) {
      found.push_back(fmt::format("{} {} vs {}", key, b.get<std::string>(), c.get<std::string>()));
    }
  }
  const std::string bm = mode_of(base.at("config"));
  const std::string cm = mode_of(current.at("config"));
  if (bm != cm) found.push_back(fmt::format("mode {} vs {}", bm, cm));
  return fmt::format("{}", fmt::join(found, ", "));
}

// ---- the table -----------------------------------------------------------------------------

enum class Better : uint8_t { higher, lower };
enum class Shown : uint8_t { rps, latency_us, rate, count };

struct Row {
  const char* label;
  Better better;
  Shown shown;
  double base;
  double current;
};

std::vector<Row> rows_of(const json& base, const json& current) {
  std::vector<Row> rows;
  const auto add = [&](const char* label, Better better, Shown shown, const char* path) {
    rows.push_back({label, better, shown, number_at(base, path), number_at(current, path)});
  };
  add("requests/s", Better::higher, Shown::rps, "/summary/rps");
  add("p50", Better::lower, Shown::latency_us, "/latency_us/p50");
  add("p90", Better::lower, Shown::latency_us, "/latency_us/p90");
  add("p99", Better::lower, Shown::latency_us, "/latency_us/p99");
  add("p99.9", Better::lower, Shown::latency_us, "/latency_us/p99_9");
  add("mean latency", Better::lower, Shown::latency_us, "/latency_us/mean");
  rows.push_back(
      {"error rate", Better::lower, Shown::rate, error_rate_of(base), error_rate_of(current)});
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

const char* judgement(const Row& r) {
  if (r.base == r.current) return "same";
  const bool higher = r.current > r.base;
  return higher == (r.better == Better::higher) ? "better" : "worse";
}

// Issue 3's compare colours: green for better, red for worse; "same" stays plain.
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

// ---- regressions ---------------------------------------------------------------------------

const Row& row_named(const std::vector<Row>& rows, std::string_view label) {
  for (const Row& r : rows) {
    if (label == r.label) return r;
  }
  throw_usage("compare: internal: no row " + std::string(label));
}

std::string limit_percent(double fraction) { return fmt::format("{:g}%", fraction * 100.0); }

// Appends one line per metric beyond its limit; returns the names of those metrics.
std::vector<std::string> regressions(std::ostream& out, const std::vector<Row>& rows,
                                     const RegressionLimits& limits) {
  std::vector<std::string> failed;
  const auto relative = [&](const char* name, const char* label, double limit, double sign) {
    const Row& r = row_named(rows, label);
    if (r.base <= 0) return;  // nothing to be a percentage of (e.g. no response in the base)
    const double worse_by = sign * (r.current - r.base) / r.base;
    if (worse_by <= limit + tolerance) return;
    fmt::print(out, "regression: {} {} -> {} ({}, limit {}{})\n", label,
               shown(r.shown, r.base, r.current), shown(r.shown, r.current, r.base),
               change_text(r.base, r.current), sign > 0 ? "+" : "-", limit_percent(limit));
    failed.emplace_back(name);
  };
  relative("p99", "p99", limits.p99, +1);
  relative("p50", "p50", limits.p50, +1);
  relative("rps", "requests/s", limits.rps, -1);

  const Row& e = row_named(rows, "error rate");
  if (e.current - e.base > limits.error_rate + tolerance) {
    fmt::print(out, "regression: error rate {} -> {} ({:+.2f} points, limit +{:g} points)\n",
               format_rate(e.base), format_rate(e.current), (e.current - e.base) * 100.0,
               limits.error_rate * 100.0);
    failed.emplace_back("error_rate");
  }
  return failed;
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
    double* limit = name == "p50"          ? &limits.p50
                    : name == "p99"        ? &limits.p99
                    : name == "rps"        ? &limits.rps
                    : name == "error_rate" ? &limits.error_rate
                                           : nullptr;
    if (limit == nullptr) {
      fail(fmt::format("unknown metric '{}' (p50, p99, rps, error_rate)", name));
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

  const std::string differ = differences(base, current);
  if (!differ.empty()) {
    if (!force) {
      fmt::print(out, "not comparable: {} (--force compares anyway)\n", differ);
      return {CompareVerdict::not_comparable, differ};
    }
    fmt::print(out, "note: compared despite {} (--force)\n\n", differ);
  }

  const std::vector<Row> rows = rows_of(base, current);
  write_table(out, rows, style);
  out << "\n";
  const std::vector<std::string> failed = regressions(out, rows, limits);
  if (failed.empty()) {
    fmt::print(out,
               "no regression beyond the limits (p99 +{}, p50 +{}, requests/s -{}, "
               "error rate +{:g} points)\n",
               limit_percent(limits.p99), limit_percent(limits.p50), limit_percent(limits.rps),
               limits.error_rate * 100.0);
    return {};
  }
  return {CompareVerdict::regressed, fmt::format("{}", fmt::join(failed, ", "))};
}

}  // namespace ringbench::report
