#include "ringbench/report/threshold.h"

#include <array>
#include <cctype>
#include <cmath>
#include <optional>
#include <string>
#include <utility>

#include "quantity.h"
#include "ringbench/core/error.h"
#include "ringbench/stats/outcome_rates.h"
#include "threshold_metric.h"

namespace ringbench::report {

namespace {

using stats::RunResult;

enum class Kind : uint8_t { latency, rps, rate };

struct MetricInfo {
  Metric metric;
  const char* name;
  Kind kind;
  double percentile;  // latency percentiles only
};

constexpr std::array<MetricInfo, 13> metrics = {{
    {Metric::p50, "p50", Kind::latency, 50},
    {Metric::p75, "p75", Kind::latency, 75},
    {Metric::p90, "p90", Kind::latency, 90},
    {Metric::p95, "p95", Kind::latency, 95},
    {Metric::p99, "p99", Kind::latency, 99},
    {Metric::p99_9, "p99.9", Kind::latency, 99.9},
    {Metric::p99_99, "p99.99", Kind::latency, 99.99},
    {Metric::mean, "mean", Kind::latency, 0},
    {Metric::max, "max", Kind::latency, 0},
    {Metric::rps, "rps", Kind::rps, 0},
    {Metric::error_rate, "error_rate", Kind::rate, 0},
    {Metric::non2xx_rate, "non2xx_rate", Kind::rate, 0},
    {Metric::failed_rate, "failed_rate", Kind::rate, 0},
}};

const MetricInfo& info_of(Metric metric) {
  return metrics[static_cast<size_t>(metric)];  // the table is in enum order
}

const MetricInfo* find_metric(std::string_view name) {
  for (const MetricInfo& m : metrics) {
    if (name == m.name) return &m;
  }
  return nullptr;
}

[[noreturn]] void fail(std::string_view expression, std::string_view why) {
  throw_usage("--threshold '" + std::string(expression) + "': " + std::string(why));
}

struct Operator {
  std::string_view text;
  Comparison comparison;
};

// Two-character operators first so "<=" is not read as "<" followed by "=20ms".
constexpr std::array<Operator, 4> operators = {{{"<=", Comparison::less_equal},
                                                {">=", Comparison::greater_equal},
                                                {"<", Comparison::less},
                                                {">", Comparison::greater}}};

bool is_metric_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '.' || c == '_';
}

double limit_of(std::string_view expression, const MetricInfo& m, std::string_view value) {
  if (value.empty()) fail(expression, "missing value after the operator");
  switch (m.kind) {
    case Kind::latency:
      if (auto ns = parse_latency_ns(value)) return *ns;
      fail(expression, "a latency needs a number and a unit: ns, us, ms, s, m or h (e.g. 20ms, 1m30s)");
    case Kind::rps:
      if (auto rps = parse_plain_number(value)) return *rps;
      fail(expression, "rps takes a plain number of requests per second (e.g. 50000)");
    case Kind::rate:
      if (auto rate = parse_fraction(value); rate && *rate <= 1.0) return *rate;
      fail(expression,
           "a rate is a percentage up to 100% or a fraction from 0 to 1 (e.g. 1% or 0.01)");
  }
  fail(expression, "unknown metric kind");
}

double measure(const MetricInfo& m, const RunResult& result) {
  const stats::Histogram& h = result.totals.latency;
  const stats::OutcomeCounts outcomes = stats::outcome_counts_of(result.totals.counters);
  switch (m.metric) {
    case Metric::mean: return h.mean();
    case Metric::max: return static_cast<double>(h.max());
    case Metric::rps: return std::isfinite(result.rps()) ? result.rps() : 0.0;
    case Metric::error_rate: return outcomes.error_rate();
    case Metric::non2xx_rate: return outcomes.non2xx_rate();
    case Metric::failed_rate: return outcomes.failed_rate();
    default: return static_cast<double>(h.percentile(m.percentile));
  }
}

bool holds(double measured, Comparison comparison, double limit) {
  switch (comparison) {
    case Comparison::less: return measured < limit;
    case Comparison::less_equal: return measured <= limit;
    case Comparison::greater: return measured > limit;
    case Comparison::greater_equal: return measured >= limit;
  }
  return false;
}

}  // namespace

const char* name_of(Metric metric) { return info_of(metric).name; }

bool is_latency(Metric metric) { return info_of(metric).kind == Kind::latency; }

Threshold parse_threshold(std::string_view expression) {
  const std::string_view text = trim(expression);
  if (text.empty()) fail(expression, "empty expression (expected e.g. \"p99 < 20ms\")");

  size_t end = 0;
  while (end < text.size() && is_metric_char(text[end])) ++end;
  const MetricInfo* m = find_metric(text.substr(0, end));
  if (m == nullptr) {
    fail(expression, "unknown metric '" + std::string(text.substr(0, end)) +
                         "' (p50 p75 p90 p95 p99 p99.9 p99.99 mean max rps error_rate "
                         "non2xx_rate failed_rate)");
  }

  const std::string_view rest = trim(text.substr(end));
  for (const Operator& op : operators) {
    if (!rest.starts_with(op.text)) continue;
    Threshold t;
    t.text = std::string(text);
    t.metric = m->metric;
    t.comparison = op.comparison;
    t.limit = limit_of(expression, *m, trim(rest.substr(op.text.size())));
    return t;
  }
  fail(expression, "expected an operator <, <=, > or >= after the metric");
}

std::vector<ThresholdResult> evaluate_thresholds(const std::vector<Threshold>& thresholds,
                                                 const RunResult& result) {
  std::vector<ThresholdResult> out;
  out.reserve(thresholds.size());
  for (const Threshold& t : thresholds) {
    const MetricInfo& m = info_of(t.metric);
    ThresholdResult r{t, measure(m, result), false};
    // A run without a single response has no latency at all; reading that as 0 ns would
    // pass "p99 < 20ms" exactly when the server is down, so a latency gate fails instead.
    const bool measurable = m.kind != Kind::latency || result.totals.latency.count() > 0;
    r.pass = measurable && holds(r.measured, t.comparison, t.limit);
    out.push_back(std::move(r));
  }
  return out;
}

std::string format_measured(const ThresholdResult& r) {
  switch (info_of(r.threshold.metric).kind) {
    case Kind::latency: return format_latency(r.measured);
    case Kind::rps: return format_rps_number(r.measured) + " req/s";
    case Kind::rate: return format_rate(r.measured);
  }
  return {};
}

}  // namespace ringbench::report
