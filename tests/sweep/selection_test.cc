#include "ringbench/sweep/selection.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "sweep_fixture.h"

namespace ringbench::sweep {
namespace {

using test::measure;
using test::point;
using test::usage_error_of;

// Baseline p99 1 ms: a point's p99 may reach 3 ms before the tail rule fires.
const Point baseline = point(1, 1'000, 0.5, 1.0);

std::string reason_of(Point p, bool paired = false, SelectionParams params = {}) {
  std::vector<Point> points = {std::move(p)};
  judge(points, baseline, params, paired);
  return points[0].disqualified.value_or("qualified");
}

Point paired_point(double rps, double p99_ms, double ref_rps, double ref_p99_ms) {
  Point p = point(10, rps, 1.0, p99_ms);
  pair_with(p, measure(10, ref_rps, 1.0, ref_p99_ms));
  return p;
}

TEST(Judge, AHealthyPointQualifiesAndGetsItsScore) {
  std::vector<Point> points = {point(10, 1000, 1, 2)};
  points[0].score = 0;
  judge(points, baseline, {}, false);
  EXPECT_FALSE(points[0].disqualified);
  EXPECT_DOUBLE_EQ(points[0].score, 250);
}

TEST(Judge, ZeroRps) {
  EXPECT_EQ(reason_of(point(10, 0, 0, 0)), "zero rps: no response completed");
}

// --max-errors judges the failed rate (transport errors + 4xx + 5xx over all requests).
TEST(Judge, FailedRate) {
  EXPECT_EQ(reason_of(point(10, 1000, 1, 2, 0, 0.05)), "failed rate 5.0% > max 1.0%");
  // Exactly at the limit passes; just above it shows the digits that make the difference.
  EXPECT_EQ(reason_of(point(10, 1000, 1, 2, 0, 0.01)), "qualified");
  EXPECT_EQ(reason_of(point(10, 1000, 1, 2, 0, 0.0104)), "failed rate 1.04% > max 1.0%");
  // Half the responses redirects: non-2xx, but not failures.
  Point redirected = point(10, 1000, 1, 2);
  redirected.chosen.non2xx_rate = 0.5;
  EXPECT_EQ(reason_of(redirected), "qualified");
}

TEST(Judge, Spread) {
  EXPECT_EQ(reason_of(point(10, 1000, 1, 5.2)), "p99/p50 5.2 > max spread 4.0");
  // A lenient tail rule, so that the spread alone decides at p99 = 4 × p50.
  SelectionParams no_tail;
  no_tail.max_tail_mult = 100;
  EXPECT_EQ(reason_of(point(10, 1000, 1, 4.04, 5), false, no_tail), "p99/p50 4.04 > max spread 4.0");
  EXPECT_EQ(reason_of(point(10, 1000, 1, 4.0, 5), false, no_tail), "qualified");
}

TEST(Judge, P999Ratio) {
  EXPECT_EQ(reason_of(point(10, 1000, 1, 2, 9.1)), "p99.9/p50 9.1 > max 8.0");
}

TEST(Judge, TailMultipleOfTheBaseline) {
  // p50 2 ms, p99 4 ms: a fine spread, but 4× the baseline's 1 ms p99.
  EXPECT_EQ(reason_of(point(10, 1000, 2, 4, 6)), "p99 4.00 ms is 4.0× baseline p99 1.00 ms > max 3.0×");
  EXPECT_EQ(reason_of(point(10, 1000, 2, 3, 6)), "qualified");
}

// A baseline of 50 samples has no p99 worth the name (it is its maximum): the rule compares
// p90s instead (fixture: p90 halfway between p50 and p99); below 10 samples it is skipped.
TEST(Judge, AShortBaselineFallsBackToP90) {
  Point short_baseline = point(1, 1'000, 0.5, 1.0);  // p90 0.75 ms
  short_baseline.chosen.samples = 50;
  EXPECT_EQ(tail_percentile_of(short_baseline.chosen), TailPercentile::p90);
  std::vector<Point> points = {point(10, 1000, 2, 4, 6)};  // p90 3 ms = 4× 0.75
  judge(points, short_baseline, {}, false);
  EXPECT_EQ(points[0].disqualified.value_or("qualified"), "p90 3.00 ms is 4.0× baseline p90 0.750 ms > max 3.0×");
  short_baseline.chosen.samples = 9;
  EXPECT_EQ(tail_percentile_of(short_baseline.chosen), TailPercentile::none);
  judge(points, short_baseline, {}, false);
  EXPECT_FALSE(points[0].disqualified);
  short_baseline.chosen.samples = 100;
  EXPECT_EQ(tail_percentile_of(short_baseline.chosen), TailPercentile::p99);
}

TEST(Judge, TailRuleIsSkippedWithoutABaselineP99) {
  std::vector<Point> points = {point(10, 1000, 2, 4, 6)};
  judge(points, point(1, 0, 0, 0), {}, false);
  EXPECT_FALSE(points[0].disqualified);
}

TEST(Judge, PairedOverhead) {
  const Point p = paired_point(1000, 2.5, 1000, 1.9);  // +31.6 %
  EXPECT_EQ(reason_of(p, true), "overhead +31.6% > max 25.0%");
  EXPECT_EQ(reason_of(p, false), "qualified");  // only judged in paired mode
}

TEST(Judge, PairedRpsDeficit) {
  const Point p = paired_point(1000, 2, 3000, 2);  // 66.7 % less throughput than the reference
  EXPECT_EQ(reason_of(p, true), "rps deficit 66.7% > max 50.0%");
  SelectionParams lenient;
  lenient.max_rps_deficit_pct = 70;
  EXPECT_EQ(reason_of(p, true, lenient), "qualified");
}

TEST(Judge, TheFirstFailingRuleInTheDocumentedOrderIsReported) {
  // Fails failed rate, spread, p99.9 ratio and tail: failed rate comes first.
  EXPECT_EQ(reason_of(point(10, 1000, 1, 6, 20, 0.5)), "failed rate 50.0% > max 1.0%");
  // Fails spread and p99.9 ratio and tail: spread first.
  EXPECT_EQ(reason_of(point(10, 1000, 1, 6, 20)), "p99/p50 6.0 > max spread 4.0");
  // Fails tail and overhead: tail first.
  Point p = paired_point(1000, 3.5, 1000, 1);
  EXPECT_EQ(reason_of(p, true).rfind("p99 3.50 ms is 3.5×", 0), 0u);
}

TEST(Judge, JudgingAgainClearsAnOldVerdict) {
  std::vector<Point> points = {point(10, 1000, 1, 2)};
  points[0].disqualified = "stale";
  judge(points, baseline, {}, false);
  EXPECT_FALSE(points[0].disqualified);
}

TEST(Judge, ThresholdsComeFromTheParams) {
  SelectionParams strict;
  strict.max_spread = 1.5;
  EXPECT_EQ(reason_of(point(10, 1000, 1, 2), false, strict), "p99/p50 2.0 > max spread 1.5");
}

std::vector<Point> knee_curve() { return test::knee_sweep().points; }

SelectionParams knee_params() {
  SelectionParams params;
  params.pick = PickMethod::knee;
  return params;
}

TEST(Pick, PowerIsTheDefault) { EXPECT_EQ(SelectionParams{}.pick, PickMethod::power); }

TEST(Pick, KneeIsTheSmallestQualifiedLevelNearThePeak) {
  const std::vector<Point> points = knee_curve();
  const SweetSpot s = pick(points, knee_params(), false, point(1, 1'000, 0.8, 1.0));
  EXPECT_EQ(s.method, "knee");
  ASSERT_TRUE(s.concurrency);
  EXPECT_EQ(*s.concurrency, 46u);
  EXPECT_DOUBLE_EQ(s.rps, 38'000);
  EXPECT_DOUBLE_EQ(s.p50_ms, 1);
  EXPECT_DOUBLE_EQ(s.p99_ms, 2.5);
  // The DQ'd c=464 has more rps (41,000) but the peak is over qualified points.
  EXPECT_DOUBLE_EQ(s.peak_rps, 40'000);
  EXPECT_EQ(s.peak_concurrency, 100u);
  EXPECT_EQ(s.reasoning,
            "smallest c reaching 95.0% of peak 40,000 rps @ c=100 (knee ratio 0.95); "
            "p99 2.5× baseline; 1 of 6 points disqualified");
}

TEST(Pick, KneeRatioMovesTheKnee) {
  SelectionParams params = knee_params();
  params.knee_ratio = 0.5;
  EXPECT_EQ(*pick(knee_curve(), params, false).concurrency, 22u);
  params.knee_ratio = 1.0;
  EXPECT_EQ(*pick(knee_curve(), params, false).concurrency, 100u);
}

TEST(Pick, OrderOfPointsDoesNotMatter) {
  std::vector<Point> points = knee_curve();
  std::reverse(points.begin(), points.end());
  EXPECT_EQ(*pick(points, knee_params(), false).concurrency, 46u);
}

TEST(Pick, ReasoningLeavesOutTheBaselineWhenUnknown) {
  const SweetSpot s = pick(knee_curve(), {}, false);
  EXPECT_EQ(s.reasoning.find("baseline"), std::string::npos) << s.reasoning;
}

TEST(Pick, ScoreIsTheHighestRpsOverSquaredSpread) {
  SelectionParams params;
  params.pick = PickMethod::score;
  // Scores: c=10 2,500; c=22 5,000; c=46 6,080; c=100 10,701; c=215 11,473.
  const SweetSpot s = pick(knee_curve(), params, false, point(1, 1'000, 0.8, 1.0));
  EXPECT_EQ(s.method, "score");
  EXPECT_EQ(*s.concurrency, 215u);
  EXPECT_EQ(s.reasoning,
            "highest score 11,473 = 39,000 rps / (p99/p50 1.8)²; 97.5% of peak 40,000 rps @ c=100; "
            "p99 3.0× baseline; 1 of 6 points disqualified");
}

// Power = rps² / c: c=10 10.0 M; c=22 18.2 M; c=46 31.4 M; c=100 16.0 M; c=215 7.1 M. The
// peak is where throughput stops growing in proportion to c: 46, not the 100 of the rps peak.
TEST(Pick, PowerIsTheHighestThroughputOverMeanLatency) {
  SelectionParams params;
  params.pick = PickMethod::power;
  const SweetSpot s = pick(knee_curve(), params, false, point(1, 1'000, 0.8, 1.0));
  EXPECT_EQ(s.method, "power");
  EXPECT_EQ(*s.concurrency, 46u);
  EXPECT_EQ(s.reasoning,
            "highest power 31,391,304 = 38,000 rps / mean latency 1.21 ms (c / rps); 95.0% of peak 40,000 rps @ "
            "c=100; p99 2.5× baseline; 1 of 6 points disqualified");
}

TEST(Pick, ScoreTiesGoToTheSmallerLevel) {
  std::vector<Point> points = {point(100, 1000, 1, 2), point(50, 1000, 1, 2)};
  judge(points, baseline, {}, false);
  SelectionParams params;
  params.pick = PickMethod::score;
  EXPECT_EQ(*pick(points, params, false).concurrency, 50u);
}

TEST(Pick, FallbackWithoutPairingIsTheHighestRps) {
  std::vector<Point> points = {point(10, 5'000, 1, 9), point(22, 9'000, 1, 8),
                               point(46, 7'000, 1, 10)};
  judge(points, baseline, {}, false);
  const SweetSpot s = pick(points, {}, false);
  EXPECT_EQ(s.method, "fallback");
  EXPECT_EQ(*s.concurrency, 22u);
  EXPECT_DOUBLE_EQ(s.peak_rps, 9'000);  // over all points, since none qualified
  EXPECT_EQ(s.peak_concurrency, 22u);
  EXPECT_EQ(s.reasoning,
            "no point qualified (3 of 3 disqualified); fallback to the highest rps 9,000 @ c=22, "
            "itself disqualified: p99/p50 8.0 > max spread 4.0");
}

TEST(Pick, PairedFallbackIsTheSmallestOverhead) {
  std::vector<Point> points = {paired_point(9'000, 1.4, 9'000, 1),    // +40 %
                               paired_point(5'000, 1.3, 5'000, 1),    // +30 %
                               paired_point(12'000, 1.6, 12'000, 1)}; // +60 %
  points[0].concurrency = 10, points[1].concurrency = 22, points[2].concurrency = 46;
  judge(points, baseline, {}, true);
  const SweetSpot s = pick(points, {}, true, baseline);
  EXPECT_EQ(s.method, "fallback");
  EXPECT_EQ(*s.concurrency, 22u);
  EXPECT_EQ(s.reasoning,
            "no point qualified (3 of 3 disqualified); paired fallback to the smallest overhead "
            "+30.0% @ c=22, itself disqualified: overhead +30.0% > max 25.0%; p99 1.3× baseline");
}

TEST(Pick, PairedFallbackWithoutOverheadFiguresTakesTheHighestRps) {
  std::vector<Point> points = {point(10, 5'000, 1, 9), point(22, 9'000, 1, 8)};
  judge(points, baseline, {}, true);
  const SweetSpot s = pick(points, {}, true);
  EXPECT_EQ(s.method, "fallback");
  EXPECT_EQ(*s.concurrency, 22u);
  EXPECT_NE(s.reasoning.find("no point has a reference p99"), std::string::npos) << s.reasoning;
}

TEST(Pick, NoPointsIsNone) {
  const SweetSpot s = pick({}, {}, false);
  EXPECT_EQ(s.method, "none");
  EXPECT_FALSE(s.concurrency);
  EXPECT_EQ(s.reasoning, "no point was measured");
}

TEST(SelectionParams, DefaultsAreValid) { EXPECT_NO_THROW(check_selection_params({})); }

TEST(SelectionParams, NonsenseIsAUsageErrorNamingTheFlag) {
  const auto message_for = [](auto change) {
    SelectionParams p;
    change(p);
    return usage_error_of([&] { check_selection_params(p); });
  };
  EXPECT_EQ(message_for([](SelectionParams& p) { p.knee_ratio = 1.5; }).rfind("--knee-ratio", 0), 0u);
  EXPECT_EQ(message_for([](SelectionParams& p) { p.knee_ratio = 0; }).rfind("--knee-ratio", 0), 0u);
  EXPECT_EQ(message_for([](SelectionParams& p) { p.max_errors = 2; }).rfind("--max-errors", 0), 0u);
  EXPECT_EQ(message_for([](SelectionParams& p) { p.max_spread = 0; }).rfind("--max-spread", 0), 0u);
  EXPECT_EQ(message_for([](SelectionParams& p) { p.max_tail_mult = -1; }).rfind("--max-tail-mult", 0), 0u);
  EXPECT_EQ(message_for([](SelectionParams& p) { p.max_overhead_pct = -1; }).rfind("--max-overhead-pct", 0), 0u);
}

TEST(PickMethod, ParsesItsTwoNames) {
  EXPECT_EQ(parse_pick_method("power"), PickMethod::power);
  EXPECT_EQ(parse_pick_method("knee"), PickMethod::knee);
  EXPECT_EQ(parse_pick_method("score"), PickMethod::score);
  EXPECT_EQ(name_of(PickMethod::score), "score");
  EXPECT_EQ(usage_error_of([] { parse_pick_method("KNEE"); }).rfind("--pick", 0), 0u);
}

}  // namespace
}  // namespace ringbench::sweep
