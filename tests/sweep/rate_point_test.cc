// The verdict on one offered rate of sweep --rate (rate_point.h): SLO percentiles counting the
// unanswered requests, the served rate, the client's schedule, failed and unfinished requests.
#include "ringbench/sweep/rate_point.h"

#include <gtest/gtest.h>

namespace ringbench::sweep {
namespace {

report::SloSpec slo_of(std::initializer_list<report::SloTarget> targets) { return report::SloSpec{targets}; }

// 1,000 answers: 990 of 5 ms and 10 of 50 ms, so p99 is 5 ms and p99.9 is 50 ms.
stats::Histogram five_ms_with_a_tail() {
  stats::Histogram h;
  h.record(5'000'000, 990);
  h.record(50'000'000, 10);
  return h;
}

// A point that passes a p99 = 20 ms SLO at 1,000/s over 2 s.
RatePoint passing_point() {
  RatePoint p;
  p.offered_rps = 1000;
  p.achieved_rps = 1000;
  p.served_rps = 1000;
  p.window_s = 2;
  p.samples = 2000;
  p.requests = 2000;
  p.scheduled = 2000;
  p.p99_ms = 5;
  p.slo = {SloValue{.percentile = 99, .limit_ms = 20, .measured_ms = 5.0, .pass = true}};
  return p;
}

TEST(RatePoint, SloPercentilesCountUnansweredRequestsAsLaterThanEveryAnswer) {
  const stats::Histogram h = five_ms_with_a_tail();
  const report::SloSpec slo = slo_of({{99, 20'000'000}});
  const std::vector<SloValue> answered_only = slo_values(h, 0, slo);
  ASSERT_EQ(answered_only.size(), 1u);
  ASSERT_TRUE(answered_only[0].measured_ms.has_value());
  EXPECT_NEAR(*answered_only[0].measured_ms, 5.0, 0.01);
  EXPECT_TRUE(answered_only[0].pass);
  EXPECT_DOUBLE_EQ(answered_only[0].limit_ms, 20);

  // 5 unanswered of 1,005: the 995th request of all is among the 50 ms ones.
  const std::vector<SloValue> some_late = slo_values(h, 5, slo);
  ASSERT_TRUE(some_late[0].measured_ms.has_value());
  EXPECT_NEAR(*some_late[0].measured_ms, 50.0, 0.1);
  EXPECT_FALSE(some_late[0].pass);

  // 20 unanswered of 1,020: the p99 rank (1,010) lies beyond the 1,000 answers.
  const std::vector<SloValue> beyond = slo_values(h, 20, slo);
  EXPECT_FALSE(beyond[0].measured_ms.has_value());
  EXPECT_FALSE(beyond[0].pass);
}

TEST(RatePoint, EveryTargetIsMeasured) {
  const std::vector<SloValue> v = slo_values(five_ms_with_a_tail(), 0, slo_of({{50, 10'000'000}, {99.9, 40'000'000}}));
  ASSERT_EQ(v.size(), 2u);
  EXPECT_TRUE(v[0].pass);
  EXPECT_FALSE(v[1].pass);  // p99.9 is 50 ms
  EXPECT_NEAR(*v[1].measured_ms, 50.0, 0.1);
}

TEST(RatePoint, APointWithinTheSloThatKeepsUpPasses) {
  RatePoint p = passing_point();
  judge_rate_point(p, 0.01);
  EXPECT_TRUE(p.passed) << p.failure;
  EXPECT_EQ(p.failure, "");
}

TEST(RatePoint, EachRuleFailsWithItsReason) {
  RatePoint slow = passing_point();
  slow.slo[0] = SloValue{.percentile = 99, .limit_ms = 20, .measured_ms = 41.25, .pass = false};
  judge_rate_point(slow, 0.01);
  EXPECT_FALSE(slow.passed);
  EXPECT_EQ(slow.failure, "p99 41.25 ms > 20 ms");

  slow.unfinished = 3;  // the percentile counted them: the reason says so
  judge_rate_point(slow, 0.01);
  EXPECT_EQ(slow.failure, "p99 41.25 ms > 20 ms (with 3 unanswered counted as late)");

  RatePoint unanswered = passing_point();
  unanswered.slo[0] = SloValue{.percentile = 99, .limit_ms = 20, .measured_ms = std::nullopt, .pass = false};
  judge_rate_point(unanswered, 0.01);
  EXPECT_NE(unanswered.failure.find("p99 beyond the answered requests"), std::string::npos) << unanswered.failure;

  // 1,989 of 2,000 in the window is short by 11, more than the 0.5 % (10) allowed.
  RatePoint behind = passing_point();
  behind.served_rps = 994.5;
  judge_rate_point(behind, 0.01);
  EXPECT_EQ(behind.failure, "served 995/s of the 1,000/s offered");
  EXPECT_TRUE(behind.server_behind);
  behind.served_rps = 995;  // exactly 99.5 %: keeps up
  judge_rate_point(behind, 0.01);
  EXPECT_TRUE(behind.passed) << behind.failure;
  EXPECT_FALSE(behind.server_behind);

  RatePoint client = passing_point();
  client.client_behind = "the client could not keep its schedule: send lag p99 2.40 ms > 1.00 ms allowed";
  judge_rate_point(client, 0.01);
  EXPECT_EQ(client.failure, client.client_behind);

  // 10 failed of 2,000 and 15 unfinished: 25 of 2,015 lost, 1.2 % > 1 %.
  RatePoint lost = passing_point();
  lost.failed_rate = 10.0 / 2000;
  lost.unfinished = 15;
  judge_rate_point(lost, 0.01);
  EXPECT_EQ(lost.failure, "failed or unanswered 1.2% > max 1.0%");
  judge_rate_point(lost, 0.02);
  EXPECT_TRUE(lost.passed) << lost.failure;

  RatePoint nothing;
  nothing.offered_rps = 1000;
  nothing.window_s = 2;
  judge_rate_point(nothing, 0.01);
  EXPECT_EQ(nothing.failure.rfind("no responses; served 0.0/s of the 1,000/s offered", 0), 0u) << nothing.failure;
}

TEST(RatePoint, EveryFailedRuleIsListed) {
  RatePoint p = passing_point();
  p.slo[0] = SloValue{.percentile = 99, .limit_ms = 20, .measured_ms = 250.0, .pass = false};
  p.served_rps = 800;
  judge_rate_point(p, 0.01);
  EXPECT_EQ(p.failure, "p99 250.0 ms > 20 ms; served 800/s of the 1,000/s offered");
}

// A Poisson count over the window varies by √N: 3 of its standard deviations are no overload.
TEST(RatePoint, PoissonArrivalsAllowForTheNoiseOfTheirCount) {
  EXPECT_NEAR(served_allowance(2000, false), 10, 1e-9);
  EXPECT_NEAR(served_allowance(2000, true), 10 + 3 * 44.72, 0.01);
  RatePoint p = passing_point();
  p.served_rps = 960;  // 80 short of 2,000: fails with constant arrivals, not with poisson
  judge_rate_point(p, 0.01);
  EXPECT_FALSE(p.passed);
  p.poisson = true;
  judge_rate_point(p, 0.01);
  EXPECT_TRUE(p.passed) << p.failure;
}

TEST(RatePoint, DefaultConnectionsAreTwiceLittlesLawAtHiAndTheLongestLimit) {
  EXPECT_EQ(default_rate_connections(2000, slo_of({{99, 20'000'000}})), 80u);  // 2 × 2,000/s × 20 ms
  EXPECT_EQ(default_rate_connections(2000, slo_of({{50, 5'000'000}, {99, 50'000'000}})), 200u);
  EXPECT_EQ(default_rate_connections(10, slo_of({{99, 20'000'000}})), 8u);           // at least 8
  EXPECT_EQ(default_rate_connections(1e9, slo_of({{99, 1'000'000'000}})), 10'000u);  // at most 10,000
}

}  // namespace
}  // namespace ringbench::sweep
