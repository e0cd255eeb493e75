#include "ringbench/sweep/settling.h"

#include <gtest/gtest.h>

namespace ringbench::sweep {
namespace {

Measure probe_of(double p50_ms, uint64_t samples) {
  Measure m;
  m.concurrency = 1;
  m.p50_ms = p50_ms;
  m.samples = samples;
  return m;
}

Measure baseline_of(double p50_ms, double p99_ms) {
  Measure m;
  m.concurrency = 1;
  m.p50_ms = p50_ms;
  m.p99_ms = p99_ms;
  m.samples = 1000;
  return m;
}

TEST(Settling, AProbeIsAbout20BaselineLatenciesWithinBounds) {
  EXPECT_DOUBLE_EQ(probe_duration_s(baseline_of(10, 11)), 0.2);
  EXPECT_DOUBLE_EQ(probe_duration_s(baseline_of(0.03, 0.05)), 0.05);  // fast server: the floor
  EXPECT_DOUBLE_EQ(probe_duration_s(baseline_of(100, 120)), 0.5);     // slow server: the cap
}

// The limit is the larger of the baseline's p99 and twice its p50.
TEST(Settling, SettledWhenTheProbeP50IsWithinTheBaselineSpread) {
  const Measure tight = baseline_of(10, 10.5), loose = baseline_of(1, 5);
  EXPECT_DOUBLE_EQ(settle_limit_ms(tight), 20);
  EXPECT_DOUBLE_EQ(settle_limit_ms(loose), 5);
  EXPECT_TRUE(settled_by(probe_of(19.9, 20), tight));
  EXPECT_FALSE(settled_by(probe_of(20.1, 20), tight));
  EXPECT_TRUE(settled_by(probe_of(4.9, 20), loose));
  EXPECT_FALSE(settled_by(probe_of(5.1, 20), loose));
}

TEST(Settling, AProbeWithTooFewResponsesIsNeverSettled) {
  EXPECT_FALSE(settled_by(probe_of(1, 2), baseline_of(10, 11)));
  EXPECT_FALSE(settled_by(probe_of(0, 0), baseline_of(0, 0)));
  EXPECT_TRUE(settled_by(probe_of(50, 3), baseline_of(0, 0)));  // no baseline p50: any answers do
}

TEST(Settling, TheFlagSaysWhatTheLastProbeSaw) {
  EXPECT_EQ(unsettled_flag(probe_of(41.2, 10), baseline_of(10, 10.6), 5),
            "measured on an unsettled server: a probe at c=1 still had p50 41.20 ms (limit 20.00 ms) after 5.00 s");
  EXPECT_EQ(unsettled_flag(probe_of(0, 0), baseline_of(10, 10.6), 0.25),
            "measured on an unsettled server: a probe at c=1 still had 0 responses (limit 20.00 ms) after 0.25 s");
}

}  // namespace
}  // namespace ringbench::sweep
