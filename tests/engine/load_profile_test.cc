// The load over time: levels along a ramp, its integral (requests due so far), the inverse of
// the integral (when the k-th request is due), a worker's share, and a warm-up before stages.
#include "load_profile.h"

#include <gtest/gtest.h>

#include <chrono>

namespace ringbench::engine {
namespace {

using std::chrono::seconds;

TEST(LoadProfile, AConstantLevelHoldsForever) {
  const LoadProfile p(250);
  EXPECT_DOUBLE_EQ(p.level_at(7'000'000'000), 250);
  EXPECT_DOUBLE_EQ(p.count_at(2'000'000'000), 500);
  EXPECT_EQ(p.offset_of_count(500), 2'000'000'000u);
  EXPECT_EQ(LoadProfile(0).offset_of_count(1), UINT64_MAX);
}

TEST(LoadProfile, StagesRampLinearlyFromThePreviousTarget) {
  const LoadProfile p(100, {{seconds(10), 1100}, {seconds(10), 1100}, {seconds(5), 0}}, 1.0);
  EXPECT_DOUBLE_EQ(p.level_at(0), 100);
  EXPECT_DOUBLE_EQ(p.level_at(5'000'000'000), 600);
  EXPECT_DOUBLE_EQ(p.level_at(15'000'000'000), 1100);
  EXPECT_DOUBLE_EQ(p.level_at(22'500'000'000), 550);
  EXPECT_DOUBLE_EQ(p.level_at(40'000'000'000), 0);  // the last target holds after the stages
  // Integral: 10 s averaging 600/s, 10 s at 1100/s, 5 s averaging 550/s.
  EXPECT_NEAR(p.count_at(10'000'000'000), 6000, 1e-6);
  EXPECT_NEAR(p.count_at(25'000'000'000), 6000 + 11000 + 2750, 1e-6);
  // The inverse: inside the ramp, on the flat, in the ramp down; and never past the end.
  for (double count : {1.0, 3000.0, 6000.0, 12000.0, 19000.0}) {
    EXPECT_NEAR(p.count_at(p.offset_of_count(count)), count, 1e-3) << count;
  }
  EXPECT_EQ(p.offset_of_count(19751), UINT64_MAX);
}

TEST(LoadProfile, AShareScalesEveryLevel) {
  const LoadProfile whole(0, {{seconds(4), 1000}}, 1.0), quarter(0, {{seconds(4), 1000}}, 0.25);
  EXPECT_DOUBLE_EQ(quarter.level_at(2'000'000'000), whole.level_at(2'000'000'000) / 4);
  EXPECT_DOUBLE_EQ(quarter.count_at(4'000'000'000), 500);
}

TEST(LoadProfile, AWarmupRunsAtTheStartingLevelBeforeTheStages) {
  Plan plan;
  plan.warmup = seconds(2);
  plan.stages = {{seconds(4), 1000}};
  const LoadProfile p = run_profile(plan, 200, 1.0);
  EXPECT_DOUBLE_EQ(p.level_at(1'000'000'000), 200);  // warming up
  EXPECT_DOUBLE_EQ(p.level_at(4'000'000'000), 600);  // half-way through the ramp
}

}  // namespace
}  // namespace ringbench::engine
