#include "ringbench/sweep/point.h"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "sweep_fixture.h"

namespace ringbench::sweep {
namespace {

using stats::ErrorClass;
using stats::RunResult;
using test::measure;

// 100 responses of 1, 2, ..., 100 ms in 2 s (50 rps); 85 x 200, 5 x 304, 5 x 404, 5 x 503;
// 25 timeouts: requests = 125; error rate 25 / 125, non-2xx 15 / 125, failed (25 + 404s +
// 503s) / 125 = 0.28: the 304s are neither errors nor failures.
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

TEST(MeasureOf, TakesRatesAndPercentilesFromTheRun) {
  const RunResult run = hand_built();
  const Measure m = measure_of(run, 46);
  EXPECT_EQ(m.concurrency, 46u);
  EXPECT_DOUBLE_EQ(m.rps, 50.0);
  EXPECT_EQ(m.requests, 125u);
  EXPECT_EQ(m.samples, 100u);
  EXPECT_DOUBLE_EQ(m.error_rate, 25.0 / 125.0);
  EXPECT_DOUBLE_EQ(m.non2xx_rate, 15.0 / 125.0);
  EXPECT_DOUBLE_EQ(m.failed_rate, 35.0 / 125.0);
  const auto& latency = run.totals.latency;
  EXPECT_DOUBLE_EQ(m.p50_ms, double(latency.percentile(50)) / 1e6);
  EXPECT_DOUBLE_EQ(m.p90_ms, double(latency.percentile(90)) / 1e6);
  EXPECT_DOUBLE_EQ(m.p95_ms, double(latency.percentile(95)) / 1e6);
  EXPECT_DOUBLE_EQ(m.p99_ms, double(latency.percentile(99)) / 1e6);
  EXPECT_DOUBLE_EQ(m.p999_ms, double(latency.percentile(99.9)) / 1e6);
  EXPECT_NEAR(m.p50_ms, 50.0, 0.1);
  EXPECT_NEAR(m.p99_ms, 99.0, 0.1);
}

TEST(MeasureOf, AnEmptyRunIsAllZeroNotNaN) {
  const Measure m = measure_of(RunResult{}, 10);
  EXPECT_EQ(m.concurrency, 10u);
  EXPECT_EQ(m.rps, 0.0);
  EXPECT_EQ(m.error_rate, 0.0);
  EXPECT_EQ(m.non2xx_rate, 0.0);
  EXPECT_EQ(m.failed_rate, 0.0);
  EXPECT_EQ(m.p99_ms, 0.0);
  EXPECT_EQ(m.requests, 0u);
}

TEST(MeasureOf, OnlyErrorsIsAFullErrorRate) {
  RunResult r;
  r.duration_s = 1;
  for (int i = 0; i < 4; ++i) r.totals.counters.count_error(ErrorClass::connect, "refused");
  const Measure m = measure_of(r, 1);
  EXPECT_EQ(m.requests, 4u);
  EXPECT_DOUBLE_EQ(m.error_rate, 1.0);
  EXPECT_EQ(m.non2xx_rate, 0.0);
  EXPECT_DOUBLE_EQ(m.failed_rate, 1.0);
}

TEST(ScoreOf, IsRpsOverSquaredSpread) {
  EXPECT_DOUBLE_EQ(score_of(measure(1, 1000, 1, 2)), 250.0);
  EXPECT_DOUBLE_EQ(score_of(measure(1, 1000, 2, 2)), 1000.0);
  Measure no_latency = measure(1, 1000, 0, 2);
  EXPECT_EQ(score_of(no_latency), 0.0);
  no_latency = measure(1, 1000, 1, 0);
  EXPECT_EQ(score_of(no_latency), 0.0);
}

TEST(CombineRepeats, ChoosesTheMedianRpsRunWithItsOwnPercentiles) {
  // The p99s are distinct per run: the chosen run's p99 proves which run was taken.
  const Point p = combine_repeats({measure(46, 300, 1, 3), measure(46, 100, 1, 7),
                                   measure(46, 200, 1, 5)});
  EXPECT_EQ(p.concurrency, 46u);
  EXPECT_EQ(p.repeats, 3u);
  EXPECT_DOUBLE_EQ(p.chosen.rps, 200);
  EXPECT_DOUBLE_EQ(p.chosen.p99_ms, 5);
  EXPECT_DOUBLE_EQ(p.rps_min, 100);
  EXPECT_DOUBLE_EQ(p.rps_max, 300);
  EXPECT_DOUBLE_EQ(p.score, score_of(p.chosen));
}

TEST(CombineRepeats, EvenCountTakesTheLowerMiddleRun) {
  const Point p = combine_repeats({measure(8, 400, 1, 4), measure(8, 100, 1, 1),
                                   measure(8, 300, 1, 3), measure(8, 200, 1, 2)});
  EXPECT_DOUBLE_EQ(p.chosen.rps, 200);
  EXPECT_DOUBLE_EQ(p.chosen.p99_ms, 2);
  EXPECT_EQ(p.repeats, 4u);
}

TEST(CombineRepeats, OneRunIsItsOwnMedian) {
  const Point p = combine_repeats({measure(5, 123, 1, 2)});
  EXPECT_DOUBLE_EQ(p.chosen.rps, 123);
  EXPECT_DOUBLE_EQ(p.rps_min, 123);
  EXPECT_DOUBLE_EQ(p.rps_max, 123);
  EXPECT_TRUE(p.flags.empty());
}

TEST(CombineRepeats, NoRunsIsAProgrammingError) {
  EXPECT_THROW(combine_repeats({}), std::invalid_argument);
}

TEST(CombineRepeats, FlagsTooFewSamplesForEachPercentile) {
  Measure few = measure(10, 100, 1, 2);
  few.samples = 50;
  const Point p = combine_repeats({few});
  ASSERT_EQ(p.flags.size(), 2u);
  EXPECT_EQ(p.flags[0], "50 samples: too few for p99 (needs 100)");
  EXPECT_EQ(p.flags[1], "50 samples: too few for p99.9 (needs 1,000)");

  few.samples = 142;
  const Point q = combine_repeats({few});
  ASSERT_EQ(q.flags.size(), 1u);
  EXPECT_EQ(q.flags[0], "142 samples: too few for p99.9 (needs 1,000)");

  few.samples = 1000;
  EXPECT_TRUE(combine_repeats({few}).flags.empty());
}

TEST(CombineRepeats, FlagsRepeatsThatDisagree) {
  const Point p = combine_repeats({measure(10, 100, 1, 2), measure(10, 120, 1, 2),
                                   measure(10, 110, 1, 2)});
  ASSERT_EQ(p.flags.size(), 1u);
  EXPECT_EQ(p.flags[0], "rps varied 18.2% across 3 repeats (100..120)");
  // 5 % apart is normal noise.
  EXPECT_TRUE(combine_repeats({measure(10, 100, 1, 2), measure(10, 105, 1, 2)}).flags.empty());
}

TEST(PairWith, OverheadAndDeficitAgainstTheReference) {
  Point p = combine_repeats({measure(10, 800, 1, 12)});
  pair_with(p, measure(10, 1000, 1, 10));
  ASSERT_TRUE(p.reference);
  EXPECT_DOUBLE_EQ(p.reference->rps, 1000);
  ASSERT_TRUE(p.overhead_pct);
  ASSERT_TRUE(p.rps_deficit_pct);
  EXPECT_DOUBLE_EQ(*p.overhead_pct, 20.0);     // (12 - 10) / 10
  EXPECT_DOUBLE_EQ(*p.rps_deficit_pct, 20.0);  // (1000 - 800) / 1000
}

TEST(PairWith, AFasterTargetHasNegativeFigures) {
  Point p = combine_repeats({measure(10, 1500, 1, 5)});
  pair_with(p, measure(10, 1000, 1, 10));
  EXPECT_DOUBLE_EQ(*p.overhead_pct, -50.0);
  EXPECT_DOUBLE_EQ(*p.rps_deficit_pct, -50.0);
}

TEST(PairWith, AZeroReferenceLeavesThePercentageUnset) {
  Point p = combine_repeats({measure(10, 800, 1, 12)});
  pair_with(p, measure(10, 1000, 0, 0));
  EXPECT_FALSE(p.overhead_pct);
  ASSERT_TRUE(p.rps_deficit_pct);

  pair_with(p, measure(10, 0, 1, 10));
  EXPECT_TRUE(p.overhead_pct);
  EXPECT_FALSE(p.rps_deficit_pct);  // the earlier value is not left behind
}

}  // namespace
Point level(uint32_t concurrency, double rps) {
  Point p;
  p.concurrency = concurrency;
  p.chosen.concurrency = concurrency;
  p.chosen.rps = rps;
  return p;
}

// The sweep measures a level again when its throughput fell more than 10 % below the nearest
// lighter level's (a stalled run); a plateau, or a heavier level's lower rate, is no reason.
TEST(LighterRpsAbove, OnlyAFallBelowTheNearestLighterLevelCounts) {
  const Point baseline = level(1, 143), two = level(2, 280), eight = level(8, 1'600);
  EXPECT_EQ(lighter_rps_above(level(2, 83), {&baseline}), 143.0);  // CI: a stall at c = 2
  EXPECT_FALSE(lighter_rps_above(level(2, 135), {&baseline}));     // within 10 %
  EXPECT_FALSE(lighter_rps_above(level(16, 1'590), {&baseline, &two, &eight}));  // the plateau
  EXPECT_EQ(lighter_rps_above(level(16, 900), {&eight, &baseline, &two}), 1'600.0);  // nearest, any order
  EXPECT_FALSE(lighter_rps_above(level(4, 500), {&eight}));  // only heavier levels: nothing to fall below
  EXPECT_FALSE(lighter_rps_above(level(1, 10), {}));
}

}  // namespace ringbench::sweep
