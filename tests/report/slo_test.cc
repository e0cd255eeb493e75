#include "ringbench/report/slo.h"

#include <gtest/gtest.h>

#include <string>

#include "ringbench/core/error.h"

namespace ringbench::report {
namespace {

using stats::Histogram;

constexpr uint64_t ms = 1'000'000;

// 1..100 ms, one sample each: the run's pN is N ms (exact: small values sit in exact buckets
// of < 0.1 % width, and N ms is the highest value of its own bucket only up to that width).
Histogram one_to_hundred_ms() {
  Histogram h;
  for (uint64_t i = 1; i <= 100; ++i) h.record(i * ms);
  return h;
}

// The histogram reports a bucket's highest equivalent value: within 0.1 % of the sample.
void expect_near_ms(uint64_t actual_ns, double expected_ms) {
  EXPECT_NEAR(static_cast<double>(actual_ns), expected_ms * 1e6, expected_ms * 1e6 * 1e-3)
      << actual_ns;
}

TEST(Slo, Colours) {
  EXPECT_EQ(ansi256_of(SloLevel::elite), 22);
  EXPECT_EQ(ansi256_of(SloLevel::good), 34);
  EXPECT_EQ(ansi256_of(SloLevel::slow), 226);
  EXPECT_EQ(ansi256_of(SloLevel::violation), 88);
}

TEST(Slo, RunRelativeLevelsFromPercentiles) {
  const SloThresholds t = slo_thresholds(one_to_hundred_ms(), {});
  const double expected[] = {12.5, 25, 50, 75, 90, 95, 99, 148.5, 198, 297};
  for (size_t i = 0; i < t.upper_ns.size(); ++i) expect_near_ms(t.upper_ns[i], expected[i]);
}

TEST(Slo, LevelOfEdgesAreInclusive) {
  SloThresholds t;
  for (size_t i = 0; i < t.upper_ns.size(); ++i) t.upper_ns[i] = (i + 1) * 10;
  EXPECT_EQ(level_of(0, t), SloLevel::elite);
  EXPECT_EQ(level_of(10, t), SloLevel::elite);
  EXPECT_EQ(level_of(11, t), SloLevel::excellent);
  EXPECT_EQ(level_of(70, t), SloLevel::slow);
  EXPECT_EQ(level_of(71, t), SloLevel::very_slow);
  EXPECT_EQ(level_of(100, t), SloLevel::severe);
  EXPECT_EQ(level_of(101, t), SloLevel::violation);
  EXPECT_EQ(level_of(UINT64_MAX, t), SloLevel::violation);
}

TEST(Slo, EmptyHistogramPutsEverythingAboveZeroInViolation) {
  const SloThresholds t = slo_thresholds(Histogram{}, {});
  for (uint64_t b : t.upper_ns) EXPECT_EQ(b, 0u);
  EXPECT_EQ(level_of(0, t), SloLevel::elite);
  EXPECT_EQ(level_of(1, t), SloLevel::violation);
}

// Without targets every band is labelled by the run's percentile it ends at: no verdict word.
TEST(Slo, RunRelativeBandsAreLabelledByTheirPercentile) {
  const SloThresholds t = slo_thresholds(one_to_hundred_ms(), {});
  const char* expected[] = {"p25/2", "p25",    "p50",    "p75",    "p90",  "p95",
                            "p99",   "1.5x p99", "2x p99", "3x p99", "above"};
  for (int i = 0; i < slo_level_count; ++i) {
    EXPECT_STREQ(band_label(static_cast<SloLevel>(i), t), expected[i]) << i;
  }
}

// A target's bound says so, and so do the bounds derived from it (p25/2, the p99 multiples)
// and a run-relative bound clamped onto it.
TEST(Slo, BandsSetByATargetAreLabelledSlo) {
  const SloThresholds t = slo_thresholds(one_to_hundred_ms(), parse_slo("p25=5ms,p95=40ms"));
  EXPECT_STREQ(band_label(SloLevel::elite, t), "SLO p25/2");
  EXPECT_STREQ(band_label(SloLevel::excellent, t), "SLO p25");
  EXPECT_STREQ(band_label(SloLevel::good, t), "SLO p95");  // the run's 50 ms capped at 40 ms
  EXPECT_EQ(t.upper_ns[2], 40 * ms);
  EXPECT_STREQ(band_label(SloLevel::degraded, t), "SLO p95");
  EXPECT_STREQ(band_label(SloLevel::slow, t), "p99");  // the run's 99 ms, above every target
  EXPECT_STREQ(band_label(SloLevel::very_slow, t), "1.5x p99");
  const SloThresholds p99 = slo_thresholds(one_to_hundred_ms(), parse_slo("p99=50ms"));
  EXPECT_STREQ(band_label(SloLevel::very_slow, p99), "1.5x SLO p99");
  EXPECT_STREQ(band_label(SloLevel::excellent, p99), "p25");      // 25 ms, below the target
  EXPECT_STREQ(band_label(SloLevel::acceptable, p99), "SLO p99");  // 90 ms capped at 50 ms
  const SloThresholds low = slo_thresholds(one_to_hundred_ms(), parse_slo("p50=10ms"));
  EXPECT_STREQ(band_label(SloLevel::excellent, low), "SLO p50");  // 25 ms capped at 10 ms
  EXPECT_STREQ(band_label(SloLevel::normal, low), "p75");
}

TEST(Slo, TargetsReplaceTheLevelsTheyName) {
  const SloSpec spec = parse_slo("p50=60ms,p99=120ms");
  const SloThresholds t = slo_thresholds(one_to_hundred_ms(), spec);
  expect_near_ms(t.upper_ns[1], 25);          // p25 stays run-relative
  EXPECT_EQ(t.upper_ns[2], 60 * ms);          // good <= the p50 target
  expect_near_ms(t.upper_ns[3], 75);          // p75 from the run, above the target: kept
  EXPECT_EQ(t.upper_ns[6], 120 * ms);         // slow <= the p99 target
  EXPECT_EQ(t.upper_ns[7], 180 * ms);         // the multiples follow the replaced p99
  EXPECT_EQ(t.upper_ns[9], 360 * ms);
  EXPECT_EQ(level_of(110 * ms, t), SloLevel::slow);  // run-relative it would be very slow
}

TEST(Slo, RunRelativeBoundsAreClampedBetweenTargets) {
  // The run's p75 (75 ms) and p90 (90 ms) lie above a 40 ms p95 target: they are pulled down
  // to it, so the levels stay monotonic and the target is not overridden.
  const SloThresholds t = slo_thresholds(one_to_hundred_ms(), parse_slo("p95=40ms"));
  expect_near_ms(t.upper_ns[2], 40);  // p50 = 50 ms, capped by the target above it
  EXPECT_EQ(t.upper_ns[3], 40 * ms);
  EXPECT_EQ(t.upper_ns[4], 40 * ms);
  EXPECT_EQ(t.upper_ns[5], 40 * ms);
  expect_near_ms(t.upper_ns[6], 99);  // p99 from the run, above the target
  for (size_t i = 1; i < t.upper_ns.size(); ++i) EXPECT_LE(t.upper_ns[i - 1], t.upper_ns[i]);
  EXPECT_EQ(level_of(41 * ms, t), SloLevel::slow);
}

TEST(Slo, LowTargetRaisesNothingBelowIt) {
  // p25 = 200 ms target on a run whose p50 is 50 ms: the bounds above are raised to it.
  const SloThresholds t = slo_thresholds(one_to_hundred_ms(), parse_slo("p25=200ms"));
  EXPECT_EQ(t.upper_ns[0], 100 * ms);  // elite <= half the replaced p25
  for (size_t i = 1; i <= 6; ++i) EXPECT_EQ(t.upper_ns[i], 200 * ms) << i;
  for (size_t i = 1; i < t.upper_ns.size(); ++i) EXPECT_LE(t.upper_ns[i - 1], t.upper_ns[i]);
}

TEST(Slo, HandMadeNonMonotonicTargetsAreFixedUp) {
  SloSpec spec;  // bypasses parse_slo's check
  spec.targets = {{50, 30 * ms}, {95, 10 * ms}};
  const SloThresholds t = slo_thresholds(one_to_hundred_ms(), spec);
  for (size_t i = 1; i < t.upper_ns.size(); ++i) EXPECT_LE(t.upper_ns[i - 1], t.upper_ns[i]);
  EXPECT_EQ(t.upper_ns[2], 30 * ms);
  EXPECT_EQ(t.upper_ns[5], 30 * ms);
}

TEST(Slo, Evaluate) {
  const auto v = evaluate_slo(one_to_hundred_ms(), parse_slo("p50=60ms,p99=90ms,p99.9=1s"));
  ASSERT_EQ(v.size(), 3u);
  EXPECT_TRUE(v[0].pass);
  expect_near_ms(v[0].measured_ns, 50);
  EXPECT_FALSE(v[1].pass);
  expect_near_ms(v[1].measured_ns, 99);
  EXPECT_TRUE(v[2].pass);
  EXPECT_DOUBLE_EQ(v[2].target.percentile, 99.9);
}

// Values below 2048 ns have a bucket each, so the measured value is the sample itself.
TEST(Slo, EvaluateAtTheLimitPasses) {
  Histogram h;
  h.record(1000);
  EXPECT_TRUE(evaluate_slo(h, parse_slo("p50=1us"))[0].pass);
  EXPECT_FALSE(evaluate_slo(h, parse_slo("p50=999ns"))[0].pass);
}

TEST(Slo, EmptyRunFailsEveryTarget) {
  const auto v = evaluate_slo(Histogram{}, parse_slo("p99=1s"));
  ASSERT_EQ(v.size(), 1u);
  EXPECT_FALSE(v[0].pass);
}

TEST(SloParse, GoodSpecs) {
  const SloSpec s = parse_slo("p50=5ms,p95=20ms,p99=50ms,p99.9=100ms");
  ASSERT_EQ(s.targets.size(), 4u);
  EXPECT_DOUBLE_EQ(s.targets[0].percentile, 50);
  EXPECT_EQ(s.targets[0].limit_ns, 5 * ms);
  EXPECT_DOUBLE_EQ(s.targets[3].percentile, 99.9);
  EXPECT_EQ(s.targets[3].limit_ns, 100 * ms);
  EXPECT_EQ(parse_slo("p99.99=1s").targets[0].limit_ns, 1'000'000'000u);
  EXPECT_EQ(parse_slo("p1=250ns").targets[0].limit_ns, 250u);
  EXPECT_EQ(parse_slo("p90=1.5us").targets[0].limit_ns, 1500u);
  EXPECT_EQ(parse_slo("p99=50ms, p50=5ms").targets.size(), 2u);  // any order, spaces ok
}

// The grammar of -z and -t (core/duration.h): minutes, hours and compound forms too.
TEST(SloParse, LimitsTakeTheDurationGrammar) {
  EXPECT_EQ(parse_slo("p99=1.5s").targets[0].limit_ns, 1'500'000'000u);
  EXPECT_EQ(parse_slo("p99=5 ms").targets[0].limit_ns, 5 * ms);
  EXPECT_EQ(parse_slo("p99=2m").targets[0].limit_ns, 120'000'000'000u);
  EXPECT_EQ(parse_slo("p99=1h").targets[0].limit_ns, 3'600'000'000'000u);
  EXPECT_EQ(parse_slo("p50=1m,p99=1m30s").targets[1].limit_ns, 90'000'000'000u);
}

void expect_usage(const std::string& spec) {
  try {
    parse_slo(spec);
    ADD_FAILURE() << "accepted: " << spec;
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ExitCode::usage) << spec;
    const std::string message = e.what();
    EXPECT_NE(message.find("--slo"), std::string::npos) << message;
    EXPECT_EQ(message.find('\n'), std::string::npos) << message;
  }
}

TEST(SloParse, BadSpecsAreUsageErrors) {
  for (const char* spec :
       {"", " ", "p99", "p99=", "=5ms", "p99=50", "p99=ms", "p99=30s1m",
        "p99=-5ms", "p99=0ms", "p100=5ms", "p0=5ms", "p=5ms", "99=5ms", "P99=5ms", "p99.=5ms",
        "p.9=5ms", "p9.9.9=5ms", "p+9=5ms", "p1e1=5ms", "p50=5ms,", ",p50=5ms",
        "p50=5ms,,p99=9ms", "p50=5ms,p50=6ms", "p50=50ms,p99=20ms", "p99=5xs"}) {
    expect_usage(spec);
  }
}

}  // namespace
}  // namespace ringbench::report
