#include "ringbench/report/threshold.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "ringbench/core/error.h"

namespace ringbench::report {
namespace {

using stats::ErrorClass;
using stats::RunResult;

// 100 responses of 1, 2, ..., 100 ms in 2 s (50 req/s); 85 x 200, 5 x 304, 5 x 404, 5 x 503;
// 25 timeouts, so requests = 125, error_rate = 25/125 = 0.2, non2xx_rate = 15/125 = 0.12 (a
// 304 is not 2xx either) and failed_rate = (25 + 5 + 5)/125 = 0.28 (a 304 is no failure):
// every metric has a distinct, hand-checkable value, and each rate is over all requests.
RunResult hand_built() {
  RunResult r;
  r.duration_s = 2.0;
  auto& c = r.totals.counters;
  for (uint64_t ms = 1; ms <= 100; ++ms) r.totals.latency.record(ms * 1'000'000);
  c.responses = 100;
  for (int i = 0; i < 85; ++i) c.count_status(200);
  for (int i = 0; i < 5; ++i) c.count_status(304);
  for (int i = 0; i < 5; ++i) c.count_status(404);
  for (int i = 0; i < 5; ++i) c.count_status(503);
  for (int i = 0; i < 25; ++i) c.count_error(ErrorClass::timeout, "timed out");
  return r;
}

ThresholdResult evaluate_one(const std::string& expression, const RunResult& r = hand_built()) {
  return evaluate_thresholds({parse_threshold(expression)}, r).at(0);
}

TEST(Threshold, ParsesMetricOperatorAndUnit) {
  const Threshold t = parse_threshold("p99 < 20ms");
  EXPECT_EQ(t.text, "p99 < 20ms");
  EXPECT_EQ(t.metric, Metric::p99);
  EXPECT_EQ(t.comparison, Comparison::less);
  EXPECT_DOUBLE_EQ(t.limit, 20e6);
}

TEST(Threshold, SpacesAreOptional) {
  for (const char* e :
       {"p99<20ms", "p99 <20ms", "p99< 20ms", "  p99   <   20ms  ", "p99 < 20 ms"}) {
    const Threshold t = parse_threshold(e);
    EXPECT_EQ(t.metric, Metric::p99) << e;
    EXPECT_EQ(t.comparison, Comparison::less) << e;
    EXPECT_DOUBLE_EQ(t.limit, 20e6) << e;
  }
}

TEST(Threshold, EveryMetricName) {
  const std::vector<std::pair<const char*, Metric>> names = {
      {"p50", Metric::p50},       {"p75", Metric::p75},   {"p90", Metric::p90},
      {"p95", Metric::p95},       {"p99", Metric::p99},   {"p99.9", Metric::p99_9},
      {"p99.99", Metric::p99_99}, {"mean", Metric::mean}, {"max", Metric::max}};
  for (const auto& [name, metric] : names) {
    EXPECT_EQ(parse_threshold(std::string(name) + " < 1ms").metric, metric) << name;
  }
  EXPECT_EQ(parse_threshold("rps >= 1").metric, Metric::rps);
  EXPECT_EQ(parse_threshold("error_rate <= 1%").metric, Metric::error_rate);
  EXPECT_EQ(parse_threshold("non2xx_rate <= 1%").metric, Metric::non2xx_rate);
  EXPECT_EQ(parse_threshold("failed_rate <= 1%").metric, Metric::failed_rate);
}

TEST(Threshold, EveryOperator) {
  EXPECT_EQ(parse_threshold("p99 < 1ms").comparison, Comparison::less);
  EXPECT_EQ(parse_threshold("p99 <= 1ms").comparison, Comparison::less_equal);
  EXPECT_EQ(parse_threshold("p99 > 1ms").comparison, Comparison::greater);
  EXPECT_EQ(parse_threshold("p99 >= 1ms").comparison, Comparison::greater_equal);
  EXPECT_EQ(parse_threshold("p99<=1ms").comparison, Comparison::less_equal);  // not "<" "=1ms"
}

TEST(Threshold, LatencyUnitsAreStoredInNanoseconds) {
  EXPECT_DOUBLE_EQ(parse_threshold("mean < 250ns").limit, 250.0);
  EXPECT_DOUBLE_EQ(parse_threshold("mean < 12.5us").limit, 12'500.0);
  EXPECT_DOUBLE_EQ(parse_threshold("mean < 1.5ms").limit, 1'500'000.0);
  EXPECT_DOUBLE_EQ(parse_threshold("mean < 2s").limit, 2e9);
}

// The grammar of -z and -t (core/duration.h): minutes, hours and compound forms too.
TEST(Threshold, LatenciesTakeTheDurationGrammar) {
  EXPECT_DOUBLE_EQ(parse_threshold("p99 < 20m").limit, 1200e9);
  EXPECT_DOUBLE_EQ(parse_threshold("max < 1h").limit, 3600e9);
  EXPECT_DOUBLE_EQ(parse_threshold("p99 < 1m30s").limit, 90e9);
  EXPECT_DOUBLE_EQ(parse_threshold("p99.9 <= 1s 500ms").limit, 1.5e9);
  EXPECT_THROW(parse_threshold("p99 < 30s1m"), Error);
}

TEST(Threshold, RatesAcceptPercentOrFraction) {
  EXPECT_DOUBLE_EQ(parse_threshold("error_rate < 1%").limit, 0.01);
  EXPECT_DOUBLE_EQ(parse_threshold("error_rate < 0.01").limit, 0.01);
  EXPECT_DOUBLE_EQ(parse_threshold("non2xx_rate <= 0.5 %").limit, 0.005);
  EXPECT_DOUBLE_EQ(parse_threshold("error_rate <= 100%").limit, 1.0);
  EXPECT_DOUBLE_EQ(parse_threshold("rps >= 50000").limit, 50000.0);
  EXPECT_DOUBLE_EQ(parse_threshold("rps > 12.5").limit, 12.5);
}

TEST(Threshold, MalformedExpressionsAreUsageErrors) {
  const char* bad[] = {"",
                       "   ",
                       "p99",
                       "p99 20ms",
                       "p99 <",
                       "p99 < 20",
                       "p99 < ms",
                       "p99 < 20 ms x",
                       "p98 < 20ms",
                       "P99 < 20ms",
                       "p99 == 20ms",
                       "p99 = 20ms",
                       "p99 =< 20ms",
                       "p99 < -1ms",
                       "p99 < +1ms",
                       "p99 < 1e3ms",
                       "p99 < < 20ms",
                       "error_rate < 5",
                       "error_rate < 101%",
                       "error_rate < 1ms",
                       "rps > 5k",
                       "rps > 50 req/s",
                       "rps > 1%",
                       "< 20ms",
                       "latency < 20ms",
                       "p99 < 20ms,",
                       "mean<>1ms"};
  for (const char* e : bad) {
    try {
      parse_threshold(e);
      ADD_FAILURE() << "accepted: '" << e << "'";
    } catch (const Error& err) {
      EXPECT_EQ(err.code(), ExitCode::usage) << e;
      const std::string message = err.what();
      EXPECT_NE(message.find("--threshold"), std::string::npos) << message;
      EXPECT_EQ(message.find('\n'), std::string::npos) << message;  // one line on stderr
    }
  }
}

TEST(Threshold, EvaluatesEveryMetricOnAHandBuiltRun) {
  const RunResult r = hand_built();
  const stats::Histogram& h = r.totals.latency;
  // Percentiles are the histogram's own values (within 0.1 % of 50 ms, 99 ms, ...).
  EXPECT_DOUBLE_EQ(evaluate_one("p50 < 1s").measured, double(h.percentile(50)));
  EXPECT_NEAR(evaluate_one("p50 < 1s").measured, 50e6, 50e3);
  EXPECT_NEAR(evaluate_one("p75 < 1s").measured, 75e6, 75e3);
  EXPECT_NEAR(evaluate_one("p90 < 1s").measured, 90e6, 90e3);
  EXPECT_NEAR(evaluate_one("p95 < 1s").measured, 95e6, 95e3);
  EXPECT_NEAR(evaluate_one("p99 < 1s").measured, 99e6, 99e3);
  EXPECT_NEAR(evaluate_one("p99.9 < 1s").measured, 100e6, 100e3);
  EXPECT_NEAR(evaluate_one("p99.99 < 1s").measured, 100e6, 100e3);
  EXPECT_DOUBLE_EQ(evaluate_one("mean < 1s").measured, 50.5e6);
  EXPECT_DOUBLE_EQ(evaluate_one("max < 1s").measured, 100e6);
  EXPECT_DOUBLE_EQ(evaluate_one("rps > 1").measured, 50.0);
  EXPECT_DOUBLE_EQ(evaluate_one("error_rate < 1%").measured, 0.2);    // 25 / (100 + 25)
  EXPECT_DOUBLE_EQ(evaluate_one("non2xx_rate < 1%").measured, 0.12);  // 15 / 125 requests
  EXPECT_DOUBLE_EQ(evaluate_one("failed_rate < 1%").measured, 0.28);  // (25 + 404s + 503s) / 125

  EXPECT_TRUE(evaluate_one("p50 < 51ms").pass);
  EXPECT_FALSE(evaluate_one("p50 < 49ms").pass);
  EXPECT_TRUE(evaluate_one("p99 > 98ms").pass);
  EXPECT_FALSE(evaluate_one("p99 < 90ms").pass);
  EXPECT_TRUE(evaluate_one("mean <= 50.5ms").pass);
  EXPECT_FALSE(evaluate_one("max < 0.1s").pass);
  EXPECT_TRUE(evaluate_one("max <= 100000us").pass);
  EXPECT_TRUE(evaluate_one("error_rate <= 20%").pass);
  EXPECT_FALSE(evaluate_one("error_rate < 0.2").pass);
  EXPECT_TRUE(evaluate_one("non2xx_rate < 13%").pass);
  EXPECT_FALSE(evaluate_one("non2xx_rate < 0.12").pass);
  EXPECT_TRUE(evaluate_one("failed_rate <= 28%").pass);
  EXPECT_FALSE(evaluate_one("failed_rate < 0.28").pass);
}

// The measured value sits exactly on the limit: only the inclusive operators hold.
TEST(Threshold, OperatorsAtTheBoundary) {
  EXPECT_FALSE(evaluate_one("rps < 50").pass);
  EXPECT_TRUE(evaluate_one("rps <= 50").pass);
  EXPECT_FALSE(evaluate_one("rps > 50").pass);
  EXPECT_TRUE(evaluate_one("rps >= 50").pass);
  EXPECT_TRUE(evaluate_one("rps < 50.5").pass);
  EXPECT_TRUE(evaluate_one("rps > 49.5").pass);
}

TEST(Threshold, ResultsKeepTheirOrder) {
  const auto results = evaluate_thresholds(
      {parse_threshold("rps > 100"), parse_threshold("p99 < 1s")}, hand_built());
  ASSERT_EQ(results.size(), 2u);
  EXPECT_EQ(results[0].threshold.text, "rps > 100");
  EXPECT_FALSE(results[0].pass);
  EXPECT_TRUE(results[1].pass);
}

// A run without responses has no latency: a latency gate must not pass because 0 < limit,
// or "p99 < 20ms" would be green exactly when the server is down.
TEST(Threshold, EmptyRunFailsLatencyGates) {
  RunResult down;
  down.duration_s = 1.0;
  down.totals.counters.count_error(ErrorClass::connect, "refused");
  EXPECT_FALSE(evaluate_one("p99 < 20ms", down).pass);
  EXPECT_FALSE(evaluate_one("mean > 0ns", down).pass);
  EXPECT_DOUBLE_EQ(evaluate_one("error_rate < 1%", down).measured, 1.0);
  EXPECT_DOUBLE_EQ(evaluate_one("non2xx_rate < 1%", down).measured, 0.0);  // no responses: 0
  EXPECT_DOUBLE_EQ(evaluate_one("failed_rate < 1%", down).measured, 1.0);
  EXPECT_TRUE(evaluate_one("rps < 1", down).pass);
  EXPECT_DOUBLE_EQ(evaluate_one("error_rate < 1%", RunResult{}).measured, 0.0);  // no requests
}

TEST(Threshold, FormatsMeasuredInTheMetricsUnit) {
  const auto with = [](const char* expression, double measured) {
    return format_measured(ThresholdResult{parse_threshold(expression), measured, true});
  };
  EXPECT_EQ(with("p99 < 1s", 12.34e6), "12.3ms");
  EXPECT_EQ(with("p99 < 1s", 850), "850ns");
  EXPECT_EQ(with("mean < 1s", 1.5e6), "1.50ms");
  EXPECT_EQ(with("max < 1s", 123.4e3), "123us");
  EXPECT_EQ(with("max < 1s", 2.5e9), "2.50s");
  EXPECT_EQ(with("rps > 1", 48213.4), "48213 req/s");
  EXPECT_EQ(with("error_rate < 1%", 0.0042), "0.42%");
  EXPECT_EQ(with("non2xx_rate < 1%", 0.0), "0.00%");
  EXPECT_EQ(with("error_rate < 1%", 0.00001), "<0.01%");  // not rounded away to 0.00%
}

}  // namespace
}  // namespace ringbench::report
