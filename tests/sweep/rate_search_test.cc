// The capacity search of sweep --rate (rate_search.h), driven by a model server whose
// capacity is known: a rate passes when it is at most the capacity.
#include "ringbench/sweep/rate_search.h"

#include <gtest/gtest.h>

#include <functional>
#include <vector>

namespace ringbench::sweep {
namespace {

struct Outcome {
  Capacity capacity;
  std::vector<double> rates;  // in measurement order
};

Outcome search(const std::function<bool(double)>& passes, RateLimits limits) {
  RateSearch s(limits);
  Outcome out;
  while (std::optional<double> rate = s.next()) {
    out.rates.push_back(*rate);
    s.record(*rate, passes(*rate));
    if (out.rates.size() > 100) break;  // a search that never stops fails below, not hangs
  }
  out.capacity = s.capacity();
  return out;
}

TEST(RateSearch, NarrowsTheBracketToTheToleranceAroundTheCapacity) {
  const Outcome o = search([](double r) { return r <= 1550; }, {.lo = 500, .hi = 5000});
  ASSERT_TRUE(o.capacity.rate.has_value());
  ASSERT_TRUE(o.capacity.lowest_fail.has_value());
  EXPECT_LE(*o.capacity.rate, 1550);
  EXPECT_GT(*o.capacity.lowest_fail, 1550);
  EXPECT_LE(*o.capacity.lowest_fail / *o.capacity.rate, 1.05);
  EXPECT_FALSE(o.capacity.at_least);
  // LO, then doubling (1,000, 2,000 fails), then bisection of [1,000, 2,000] down to 5 %.
  ASSERT_GE(o.rates.size(), 3u);
  EXPECT_EQ(o.rates[0], 500);
  EXPECT_EQ(o.rates[1], 1000);
  EXPECT_EQ(o.rates[2], 2000);
  EXPECT_EQ(o.rates[3], 1414);  // √(1,000 · 2,000), rounded to whole requests/s
  EXPECT_LE(o.rates.size(), 12u);
  EXPECT_NE(o.capacity.reason.find("within 5.0%"), std::string::npos) << o.capacity.reason;
}

TEST(RateSearch, NoCapacityInRangeWhenTheLowestRateFails) {
  const Outcome o = search([](double) { return false; }, {.lo = 500, .hi = 5000});
  EXPECT_EQ(o.rates, std::vector<double>{500});
  EXPECT_FALSE(o.capacity.rate.has_value());
  EXPECT_EQ(o.capacity.lowest_fail, 500);
  EXPECT_NE(o.capacity.reason.find("the lowest rate, 500/s, already fails"), std::string::npos) << o.capacity.reason;
}

TEST(RateSearch, TheHighestRatePassingMeansAtLeastHi) {
  const Outcome o = search([](double) { return true; }, {.lo = 500, .hi = 3000});
  EXPECT_EQ(o.rates, (std::vector<double>{500, 1000, 2000, 3000}));  // doubling, capped at HI
  ASSERT_TRUE(o.capacity.rate.has_value());
  EXPECT_EQ(*o.capacity.rate, 3000);
  EXPECT_TRUE(o.capacity.at_least);
  EXPECT_FALSE(o.capacity.lowest_fail.has_value());
  EXPECT_NE(o.capacity.reason.find("the highest rate, 3,000/s, passes"), std::string::npos) << o.capacity.reason;
}

TEST(RateSearch, StopsWhenTheLevelBudgetIsSpent) {
  const Outcome o = search([](double r) { return r <= 1550; }, {.lo = 500, .hi = 5000, .budget = 4});
  EXPECT_EQ(o.rates.size(), 4u);
  ASSERT_TRUE(o.capacity.rate.has_value());
  EXPECT_EQ(*o.capacity.rate, 1414);
  EXPECT_EQ(o.capacity.lowest_fail, 2000);
  EXPECT_NE(o.capacity.reason.find("level budget (4) spent"), std::string::npos) << o.capacity.reason;

  // Spent while still growing: the capacity is a lower bound.
  const Outcome growing = search([](double) { return true; }, {.lo = 100, .hi = 100'000, .budget = 3});
  EXPECT_EQ(growing.rates, (std::vector<double>{100, 200, 400}));
  EXPECT_TRUE(growing.capacity.at_least);
  EXPECT_EQ(growing.capacity.rate, 400);
}

// Noise near the capacity: a pass above a failure does not raise the capacity.
TEST(RateSearch, APassAboveAFailureDoesNotRaiseTheCapacity) {
  RateSearch s({.lo = 1000, .hi = 2000});
  s.record(1000, true);
  s.record(2000, false);
  s.record(1414, false);
  s.record(1189, true);
  s.record(1700, true);  // noise: passed above the 1,414 that failed
  const Capacity c = s.capacity();
  EXPECT_EQ(c.rate, 1189);
  EXPECT_EQ(c.lowest_fail, 1414);
  EXPECT_EQ(s.next(), 1297);  // the bracket is [1,189, 1,414]
}

TEST(RateSearch, StopsWhenNoWholeRateLiesBetweenPassAndFail) {
  RateSearch s({.lo = 10, .hi = 11, .tolerance = 0.001});
  s.record(10, true);
  s.record(11, false);
  EXPECT_FALSE(s.next().has_value());  // √110 = 10.49 rounds to 10, already measured
  EXPECT_NE(s.capacity().reason.find("no rate between them"), std::string::npos) << s.capacity().reason;
  EXPECT_EQ(s.capacity().rate, 10);
}

TEST(RateSearch, RoundsRatesToWholeRequestsFromTenUp) {
  EXPECT_EQ(rounded_rate(1414.2), 1414);
  EXPECT_EQ(rounded_rate(10.4), 10);
  EXPECT_DOUBLE_EQ(rounded_rate(2.345), 2.35);
}

}  // namespace
}  // namespace ringbench::sweep
