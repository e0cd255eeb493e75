#include "ringbench/report/insights.h"

#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "ringbench/stats/outcome_rates.h"
#include "status_reason.h"

namespace ringbench::report {

namespace {

using stats::Counters;
using stats::Histogram;

// How many status codes and error classes the error-rate detail names: enough to see what
// went wrong, short enough for one line.
constexpr size_t top_causes = 4;

// Latencies are at least 1 ns in practice; a 0 denominator (only from hand-made data)
// must still give a finite ratio rather than "inf" in the report.
double ratio(uint64_t numerator, uint64_t denominator) {
  return static_cast<double>(numerator) / static_cast<double>(std::max<uint64_t>(denominator, 1));
}

Insight latency_spread(const Histogram& h) {
  const double v = ratio(h.percentile(99), h.percentile(50));
  Insight i{"latency_spread", "Latency spread (p99/p50)", v, "", Severity::good, ""};
  if (v <= 1.5) {
    i.verdict = "excellent consistency";
  } else if (v <= 3) {
    i.verdict = "good consistency";
  } else if (v <= 5) {
    std::tie(i.verdict, i.severity) = std::pair("moderate variance", Severity::warning);
  } else {
    std::tie(i.verdict, i.severity) = std::pair("high variance", Severity::bad);
  }
  return i;
}

Insight tail_ratio(const Histogram& h) {
  const double v = ratio(h.percentile(99), h.percentile(95));
  Insight i{"tail_ratio", "Tail ratio (p99/p95)", v, "clean tail", Severity::good, ""};
  if (v > 2) {
    std::tie(i.verdict, i.severity) = std::pair("tail latency problem", Severity::bad);
  } else if (v > 1.5) {
    std::tie(i.verdict, i.severity) = std::pair("mild tail", Severity::warning);
  }
  return i;
}

Insight outlier_ratio(const Histogram& h) {
  const double v = ratio(h.percentile(99.9), h.percentile(99));
  Insight i{"outlier_ratio", "Outlier ratio (p99.9/p99)", v, "no significant outliers",
            Severity::good, ""};
  if (v > 3) {
    std::tie(i.verdict, i.severity) = std::pair("severe outliers", Severity::bad);
  } else if (v > 2) {
    std::tie(i.verdict, i.severity) = std::pair("outliers present", Severity::warning);
  }
  return i;
}

// Only worth a line when p95 is well above p50: below 2 there is nothing to say.
std::optional<Insight> queue_ratio(const Histogram& h) {
  const double v = ratio(h.percentile(95), h.percentile(50));
  if (v <= 2) return std::nullopt;
  if (v > 3) {
    return Insight{"queue_ratio", "Queue ratio (p95/p50)", v, "queuing or contention",
                   Severity::warning, ""};
  }
  return Insight{"queue_ratio", "Queue ratio (p95/p50)", v, "mild queuing", Severity::notice,
                 ""};
}

// A status that counts as failed (stats::OutcomeCounts): 4xx and 5xx; 1xx and 3xx are answers.
bool is_failure_status(int code) { return code >= 400; }

// "top: 503 Service Unavailable 120, timeout 4": the largest causes first, whatever their
// kind, because the reader wants the dominant failure, not a per-kind list.
std::string top_causes_of(const Counters& c) {
  std::vector<std::pair<uint64_t, std::string>> causes;
  for (int code = stats::min_status; code <= stats::max_status; ++code) {
    const uint64_t n = c.status_count(code);
    if (n == 0 || !is_failure_status(code)) continue;
    const std::string_view reason = reason_phrase(code);
    causes.emplace_back(n, reason.empty() ? std::to_string(code)
                                          : fmt::format("{} {}", code, reason));
  }
  for (int k = 0; k < stats::error_class_count; ++k) {
    const uint64_t n = c.errors[static_cast<size_t>(k)];
    if (n != 0) causes.emplace_back(n, stats::name_of(static_cast<stats::ErrorClass>(k)));
  }
  std::stable_sort(causes.begin(), causes.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  if (causes.size() > top_causes) causes.resize(top_causes);
  std::string out = "top:";
  for (size_t i = 0; i < causes.size(); ++i) {
    out += fmt::format("{} {} {}", i == 0 ? "" : ",", causes[i].second, causes[i].first);
  }
  return out;
}

// stats::OutcomeCounts' failed_rate: transport errors + 4xx + 5xx over all requests.
std::optional<Insight> failed_rate(const stats::RunResult& result) {
  const Counters& c = result.totals.counters;
  const stats::OutcomeCounts outcomes = stats::outcome_counts_of(c);
  if (outcomes.failed() == 0) return std::nullopt;
  const double v = outcomes.failed_rate();
  Insight i{"failed_rate", "Failed (errors, 4xx, 5xx)", v, "low", Severity::notice,
            top_causes_of(c)};
  if (v > 0.5) {
    std::tie(i.verdict, i.severity) = std::pair("critical", Severity::bad);
  } else if (v > 0.1) {
    std::tie(i.verdict, i.severity) = std::pair("high", Severity::bad);
  } else if (v > 0.01) {
    std::tie(i.verdict, i.severity) = std::pair("elevated", Severity::warning);
  }
  return i;
}

// A request still in flight when the run stopped waiting, older than all but 0.1 % of the
// answered ones: its latency is in no figure, so the distribution above is kinder than the
// server was (typically a server that froze near the end of a -z run).
std::optional<Insight> stall(const stats::RunResult& result) {
  const stats::UnfinishedAges& ages = result.totals.unfinished_ages;
  const uint64_t oldest = ages.max_ns();
  const uint64_t p999 = result.totals.latency.percentile(99.9);  // 0 when nothing was answered
  if (ages.count() == 0 || oldest <= p999) return std::nullopt;
  const std::string than = result.totals.latency.count() == 0
                               ? "and no response arrived"
                               : fmt::format("older than p99.9 = {:.3f} ms", static_cast<double>(p999) / 1e6);
  return Insight{"unfinished_age", "Oldest unfinished request", static_cast<double>(oldest) / 1e6,
                 "the server may have stalled", Severity::bad,
                 fmt::format("{} in flight when the run ended, {}; they are in no latency figure", ages.count(),
                             than)};
}

}  // namespace

std::vector<Insight> compute_insights(const stats::RunResult& result) {
  std::vector<Insight> out;
  const Histogram& h = result.totals.latency;
  if (h.count() > 0) {
    out.push_back(latency_spread(h));
    out.push_back(tail_ratio(h));
    out.push_back(outlier_ratio(h));
    if (auto q = queue_ratio(h)) out.push_back(std::move(*q));
  }
  if (auto f = failed_rate(result)) out.push_back(std::move(*f));
  if (auto s = stall(result)) out.push_back(std::move(*s));
  return out;
}

}  // namespace ringbench::report
