// The open-loop schedule: constant arrivals exactly 1/R apart with no drift over many
// requests, poisson arrivals with mean gap 1/R and a coefficient of variation near 1 (what
// independent users produce; constant: 0), repeatable from the seed, and workers' phases that
// interleave their constant schedules.
#include "arrival_schedule.h"

#include <gtest/gtest.h>

#include <cmath>
#include <chrono>
#include <vector>

namespace ringbench::engine {
namespace {

std::vector<double> gaps_of(ArrivalSchedule s, int count) {
  std::vector<double> gaps;
  uint64_t last = s.next_ns();
  for (int i = 0; i < count; ++i) {
    s.advance();
    gaps.push_back(double(s.next_ns() - last));
    last = s.next_ns();
  }
  return gaps;
}

double mean_of(const std::vector<double>& v) {
  double sum = 0;
  for (double x : v) sum += x;
  return sum / double(v.size());
}

double cv_of(const std::vector<double>& v) {
  const double m = mean_of(v);
  double sq = 0;
  for (double x : v) sq += (x - m) * (x - m);
  return std::sqrt(sq / double(v.size())) / m;
}

TEST(ArrivalSchedule, ConstantArrivalsAreEvenlySpacedWithoutDrift) {
  ArrivalSchedule s(Arrivals::constant, LoadProfile(3000), 1'000'000, 1, 0.0);
  EXPECT_EQ(s.next_ns(), 1'000'000u);
  for (int i = 0; i < 3'000'000; ++i) s.advance();
  // 3 million requests at 3000/s: due exactly 1000 s after the start (to the nanosecond's rounding).
  EXPECT_NEAR(double(s.next_ns()), 1'000'000 + 1e12, 1.0);
  const std::vector<double> gaps = gaps_of(ArrivalSchedule(Arrivals::constant, LoadProfile(3000), 0, 1, 0.0), 10000);
  EXPECT_LT(cv_of(gaps), 0.001);
}

TEST(ArrivalSchedule, PoissonGapsHaveMeanOneOverRAndCoefficientOfVariationNearOne) {
  const std::vector<double> gaps = gaps_of(ArrivalSchedule(Arrivals::poisson, LoadProfile(1000), 0, 42, 0.0), 200000);
  EXPECT_NEAR(mean_of(gaps), 1e6, 1e6 * 0.01);  // 200k samples: the mean is within 1 %
  EXPECT_NEAR(cv_of(gaps), 1.0, 0.02);
}

TEST(ArrivalSchedule, TheSameSeedGivesTheSameScheduleAndAnotherSeedAnother) {
  EXPECT_EQ(gaps_of(ArrivalSchedule(Arrivals::poisson, LoadProfile(1000), 0, 7, 0.0), 100),
            gaps_of(ArrivalSchedule(Arrivals::poisson, LoadProfile(1000), 0, 7, 0.0), 100));
  EXPECT_NE(gaps_of(ArrivalSchedule(Arrivals::poisson, LoadProfile(1000), 0, 7, 0.0), 100),
            gaps_of(ArrivalSchedule(Arrivals::poisson, LoadProfile(1000), 0, 8, 0.0), 100));
}

TEST(ArrivalSchedule, WorkersPhasesInterleaveTheirConstantSchedules) {
  // Two workers with 500/s each: together 1000/s, one every 1 ms, alternating.
  ArrivalSchedule a(Arrivals::constant, LoadProfile(500), 0, 1, 0.0), b(Arrivals::constant, LoadProfile(500), 0, 1, 0.5);
  EXPECT_EQ(a.next_ns(), 0u);
  EXPECT_EQ(b.next_ns(), 1'000'000u);
  a.advance();
  EXPECT_EQ(a.next_ns(), 2'000'000u);
}

TEST(ArrivalSchedule, AWorkerWithNoShareIsNeverDue) {
  const ArrivalSchedule s(Arrivals::constant, LoadProfile(0), 0, 1, 0.0);
  EXPECT_EQ(s.next_ns(), UINT64_MAX);
}

}  // namespace
}  // namespace ringbench::engine

namespace ringbench::engine {
namespace {

// A ramp from 0 to 1000/s over 10 s, then 1000/s for 5 s: 5000 + 5000 requests due. Counting
// the schedule's requests per second follows the ramp.
TEST(ArrivalSchedule, ARampedRateSendsWhatItsIntegralSays) {
  const std::vector<Stage> stages = {{std::chrono::seconds(10), 1000}, {std::chrono::seconds(5), 1000}};
  ArrivalSchedule s(Arrivals::constant, LoadProfile(0, stages, 1.0), 0, 1, 0.0);
  std::vector<int> per_second(16, 0);
  int total = 0;
  while (s.next_ns() < 15'000'000'000ull) {
    ++per_second[s.next_ns() / 1'000'000'000ull];
    ++total;
    s.advance();
  }
  EXPECT_NEAR(total, 10000, 1);
  EXPECT_NEAR(per_second[0], 50, 1);   // the mean rate of second 0 of the ramp: 50/s
  EXPECT_NEAR(per_second[4], 450, 1);  // of second 4: 450/s
  EXPECT_NEAR(per_second[12], 1000, 1);
  EXPECT_EQ(per_second[15], 0);
}

TEST(ArrivalSchedule, AfterARampToZeroNothingMoreIsDue) {
  const std::vector<Stage> stages = {{std::chrono::seconds(1), 100}, {std::chrono::seconds(1), 0}};
  ArrivalSchedule s(Arrivals::poisson, LoadProfile(0, stages, 1.0), 0, 3, 0.0);
  int total = 0;
  while (s.next_ns() != UINT64_MAX && total < 1000) {
    EXPECT_LE(s.next_ns(), 2'000'000'000u);
    ++total;
    s.advance();
  }
  EXPECT_GT(total, 50);  // about 100 expected (50 + 50)
  EXPECT_LT(total, 160);
}

}  // namespace
}  // namespace ringbench::engine
