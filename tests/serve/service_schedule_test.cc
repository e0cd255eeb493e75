#include "service_schedule.h"

#include <gtest/gtest.h>

namespace ringbench::serve {
namespace {

TEST(ServiceSchedule, UnlimitedStartsEveryRequestOnArrival) {
  ServiceSchedule s(0);
  EXPECT_FALSE(s.limited());
  for (int i = 0; i < 5; ++i) EXPECT_EQ(s.finish_ns(100, 10), 110u);
}

// Two servers, five requests arriving together, 10 each: finished in pairs at 10, 20, then 30.
TEST(ServiceSchedule, RequestsBeyondCapacityQueueInArrivalOrder) {
  ServiceSchedule s(2);
  EXPECT_TRUE(s.limited());
  const uint64_t expected[] = {10, 10, 20, 20, 30};
  for (uint64_t want : expected) EXPECT_EQ(s.finish_ns(0, 10), want);
}

TEST(ServiceSchedule, AnIdleServerStartsAtArrival) {
  ServiceSchedule s(1);
  EXPECT_EQ(s.finish_ns(0, 10), 10u);
  EXPECT_EQ(s.finish_ns(50, 10), 60u);  // arrived after the server freed up: no queueing
  EXPECT_EQ(s.finish_ns(55, 10), 70u);  // arrived while busy: waits until 60
}

// Unequal service times (--jitter): the next request takes whichever server frees up first.
TEST(ServiceSchedule, TheEarliestFreeServerTakesTheNextRequest) {
  ServiceSchedule s(2);
  EXPECT_EQ(s.finish_ns(0, 100), 100u);
  EXPECT_EQ(s.finish_ns(0, 10), 10u);
  EXPECT_EQ(s.finish_ns(0, 10), 20u);  // the short server again, not the one busy until 100
  EXPECT_EQ(s.finish_ns(0, 10), 30u);
}

}  // namespace
}  // namespace ringbench::serve
