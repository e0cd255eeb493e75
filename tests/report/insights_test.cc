#include "ringbench/report/insights.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>

namespace ringbench::report {
namespace {

using stats::ErrorClass;
using stats::RunResult;

// A run whose percentiles are known exactly: 1000 samples, sample i (1-based) is
// base for i <= 500 (p50), p95v for i in 501..950, p99v for 951..990, p999v for 991..999
// and the last one p999v. Values are small integers so every bucket is exact.
RunResult run_with(uint64_t p50v, uint64_t p95v, uint64_t p99v, uint64_t p999v) {
  RunResult r;
  r.duration_s = 1;
  auto& h = r.totals.latency;
  h.record(p50v, 500);
  h.record(p95v, 450);
  h.record(p99v, 40);
  h.record(p999v, 10);
  r.totals.counters.responses = 1000;
  r.totals.counters.status[200 - stats::min_status] = 1000;
  return r;
}

std::optional<Insight> find(const std::vector<Insight>& all, const std::string& key) {
  for (const Insight& i : all) {
    if (i.key == key) return i;
  }
  return std::nullopt;
}

Insight get(const RunResult& r, const std::string& key) {
  const auto all = compute_insights(r);
  const auto i = find(all, key);
  EXPECT_TRUE(i.has_value()) << key;
  return i.value_or(Insight{});
}

TEST(Insights, PercentilesOfTheFixtureAreWhatTheTestsAssume) {
  const RunResult r = run_with(100, 200, 300, 900);
  EXPECT_EQ(r.totals.latency.percentile(50), 100u);
  EXPECT_EQ(r.totals.latency.percentile(95), 200u);
  EXPECT_EQ(r.totals.latency.percentile(99), 300u);
  EXPECT_EQ(r.totals.latency.percentile(99.9), 900u);
}

TEST(Insights, LatencySpreadBoundaries) {
  // p99 / p50 with p50 = 1000: 1500 is still excellent, 1501 is not.
  const struct { uint64_t p99; const char* verdict; Severity severity; } cases[] = {
      {1000, "excellent consistency", Severity::good},
      {1500, "excellent consistency", Severity::good},
      {1501, "good consistency", Severity::good},
      {1999, "good consistency", Severity::good},
  };
  for (const auto& c : cases) {
    const Insight i = get(run_with(1000, 1000, c.p99, c.p99), "latency_spread");
    EXPECT_EQ(i.verdict, c.verdict) << c.p99;
    EXPECT_EQ(i.severity, c.severity) << c.p99;
    EXPECT_EQ(i.label, "Latency spread (p99/p50)");
  }
  // Larger ratios with p50 = 100 (small exact values).
  EXPECT_EQ(get(run_with(100, 100, 300, 300), "latency_spread").verdict, "good consistency");
  EXPECT_EQ(get(run_with(100, 100, 301, 301), "latency_spread").verdict, "moderate variance");
  EXPECT_EQ(get(run_with(100, 100, 500, 500), "latency_spread").verdict, "moderate variance");
  EXPECT_EQ(get(run_with(100, 100, 501, 501), "latency_spread").verdict, "high variance");
  EXPECT_EQ(get(run_with(100, 100, 501, 501), "latency_spread").severity, Severity::bad);
  EXPECT_DOUBLE_EQ(get(run_with(100, 100, 501, 501), "latency_spread").value, 5.01);
}

TEST(Insights, TailRatioBoundaries) {
  EXPECT_EQ(get(run_with(100, 100, 150, 150), "tail_ratio").verdict, "clean tail");
  EXPECT_EQ(get(run_with(100, 100, 151, 151), "tail_ratio").verdict, "mild tail");
  EXPECT_EQ(get(run_with(100, 100, 200, 200), "tail_ratio").verdict, "mild tail");
  EXPECT_EQ(get(run_with(100, 100, 201, 201), "tail_ratio").verdict, "tail latency problem");
  EXPECT_EQ(get(run_with(100, 100, 201, 201), "tail_ratio").severity, Severity::bad);
}

TEST(Insights, OutlierRatioBoundaries) {
  EXPECT_EQ(get(run_with(100, 100, 100, 200), "outlier_ratio").verdict, "no significant outliers");
  EXPECT_EQ(get(run_with(100, 100, 100, 201), "outlier_ratio").verdict, "outliers present");
  EXPECT_EQ(get(run_with(100, 100, 100, 300), "outlier_ratio").verdict, "outliers present");
  EXPECT_EQ(get(run_with(100, 100, 100, 301), "outlier_ratio").verdict, "severe outliers");
  EXPECT_DOUBLE_EQ(get(run_with(100, 100, 100, 301), "outlier_ratio").value, 3.01);
}

TEST(Insights, QueueRatioOnlyAboveTwo) {
  EXPECT_FALSE(find(compute_insights(run_with(100, 200, 200, 200)), "queue_ratio"));
  EXPECT_EQ(get(run_with(100, 201, 201, 201), "queue_ratio").verdict, "mild queuing");
  EXPECT_EQ(get(run_with(100, 300, 300, 300), "queue_ratio").verdict, "mild queuing");
  EXPECT_EQ(get(run_with(100, 301, 301, 301), "queue_ratio").verdict, "queuing or contention");
}

TEST(Insights, OrderAndNoErrorInsightWhenAllWent2xx) {
  const auto all = compute_insights(run_with(100, 400, 500, 600));
  ASSERT_EQ(all.size(), 4u);
  EXPECT_EQ(all[0].key, "latency_spread");
  EXPECT_EQ(all[1].key, "tail_ratio");
  EXPECT_EQ(all[2].key, "outlier_ratio");
  EXPECT_EQ(all[3].key, "queue_ratio");
}

TEST(Insights, NoLatencyInsightWithoutResponses) {
  RunResult r;
  EXPECT_TRUE(compute_insights(r).empty());
  r.totals.counters.count_error(ErrorClass::connect, "refused");
  const auto all = compute_insights(r);
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].key, "failed_rate");
  EXPECT_DOUBLE_EQ(all[0].value, 1.0);
  EXPECT_EQ(all[0].verdict, "critical");
  EXPECT_EQ(all[0].detail, "top: connect 1");
}

// 1000 requests: `bad` of them failed (503), the rest 200.
RunResult with_failures(uint64_t bad) {
  RunResult r = run_with(100, 100, 100, 100);
  r.totals.counters.status[200 - stats::min_status] = 1000 - bad;
  r.totals.counters.status[503 - stats::min_status] = bad;
  return r;
}

TEST(Insights, FailedRateBoundaries) {
  const struct { uint64_t bad; const char* verdict; Severity severity; } cases[] = {
      {1, "low", Severity::notice},        {10, "low", Severity::notice},
      {11, "elevated", Severity::warning}, {100, "elevated", Severity::warning},
      {101, "high", Severity::bad},        {500, "high", Severity::bad},
      {501, "critical", Severity::bad},    {1000, "critical", Severity::bad},
  };
  for (const auto& c : cases) {
    const Insight i = get(with_failures(c.bad), "failed_rate");
    EXPECT_EQ(i.verdict, c.verdict) << c.bad;
    EXPECT_EQ(i.severity, c.severity) << c.bad;
    EXPECT_DOUBLE_EQ(i.value, static_cast<double>(c.bad) / 1000) << c.bad;
  }
}

// Statuses in the counters beside the 1000 of with_failures: responses follows them, as the
// engine's counters do.
void add_status(RunResult& r, int code, uint64_t n) {
  r.totals.counters.status[static_cast<size_t>(code - stats::min_status)] += n;
  r.totals.counters.responses += n;
}

TEST(Insights, FailedRateNamesTheTopCausesLargestFirst) {
  RunResult r = with_failures(120);
  add_status(r, 404, 7);
  add_status(r, 302, 20);  // 3xx: an answer, neither failed nor a cause
  add_status(r, 299, 50);  // 2xx: not a failure
  for (int i = 0; i < 4; ++i) r.totals.counters.count_error(ErrorClass::timeout, "t");
  r.totals.counters.count_error(ErrorClass::reset, "r");
  const Insight i = get(r, "failed_rate");
  EXPECT_EQ(i.label, "Failed (errors, 4xx, 5xx)");
  EXPECT_EQ(i.detail, "top: 503 Service Unavailable 120, 404 Not Found 7, timeout 4, reset 1");
  // (120 + 7 + 4 + 1) failed of 1077 responses + 5 errors.
  EXPECT_DOUBLE_EQ(i.value, 132.0 / 1082.0);
}

// Redirects alone are not failures: no failed-rate insight at all.
TEST(Insights, RedirectsAloneMakeNoFailedRateInsight) {
  RunResult r = with_failures(0);
  add_status(r, 301, 500);
  EXPECT_EQ(compute_insights(r).size(), compute_insights(with_failures(0)).size());
  EXPECT_FALSE(find(compute_insights(r), "failed_rate").has_value());
}

TEST(Insights, UnregisteredStatusIsShownAsANumber) {
  RunResult r = with_failures(0);
  r.totals.counters.status[299 - stats::min_status] = 0;
  r.totals.counters.status[599 - 1 - stats::min_status] = 3;  // 598 has no phrase
  EXPECT_EQ(get(r, "failed_rate").detail, "top: 598 3");
}

// A request left in flight older than p99.9 (900 ns here) is a stall the histogram hides.
TEST(Insights, AnUnfinishedRequestOlderThanP999MeansTheServerMayHaveStalled) {
  RunResult r = run_with(100, 200, 300, 900);
  r.totals.counters.unfinished = 2;
  r.totals.unfinished_ages.add(900);  // not above p99.9: no stall by itself
  EXPECT_FALSE(find(compute_insights(r), "unfinished_age").has_value());
  r.totals.unfinished_ages.add(2'000'000);
  const Insight i = get(r, "unfinished_age");
  EXPECT_EQ(i.verdict, "the server may have stalled");
  EXPECT_EQ(i.severity, Severity::bad);
  EXPECT_DOUBLE_EQ(i.value, 2.0);  // ms
  EXPECT_EQ(i.detail, "2 in flight when the run ended, older than p99.9 = 0.001 ms; they are in no latency figure");
}

TEST(Insights, UnfinishedRequestsWithNoResponseAtAllAreAStall) {
  RunResult r;
  r.totals.counters.unfinished = 1;
  r.totals.unfinished_ages.add(300'000'000);
  const auto all = compute_insights(r);
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].key, "unfinished_age");
  EXPECT_EQ(all[0].detail, "1 in flight when the run ended, and no response arrived; they are in no latency figure");
}

}  // namespace
}  // namespace ringbench::report
