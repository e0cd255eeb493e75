// Live progress: each worker adds only what changed since its last publish, so the shared
// counters always hold the sum over workers, going down as well as up for the gauges.
#include "live_publisher.h"

#include <gtest/gtest.h>

namespace ringbench::engine {
namespace {

TEST(LivePublisher, SharedCountersHoldTheSumOfEveryWorker) {
  LiveCounters live;
  LivePublisher a, b;
  stats::Counters na, nb;
  na.responses = 10;
  nb.responses = 5;
  nb.errors[size_t(stats::ErrorClass::reset)] = 1;
  a.publish(live, na, 4, 4);
  b.publish(live, nb, 3, 2);
  na.responses = 25;
  a.publish(live, na, 4, 1);  // fewer in flight now
  EXPECT_EQ(live.responses.load(), 30u);
  EXPECT_EQ(live.errors[size_t(stats::ErrorClass::reset)].load(), 1u);
  EXPECT_EQ(live.open_connections.load(), 7);
  EXPECT_EQ(live.in_flight.load(), 3);
  a.publish(live, na, 0, 0);  // every connection of worker a closed
  EXPECT_EQ(live.open_connections.load(), 3);
  EXPECT_EQ(live.in_flight.load(), 2);
}

TEST(LivePublisher, CountsRestartedAfterTheWarmupAddFromZero) {
  LiveCounters live;
  LivePublisher p;
  stats::Counters n;
  n.responses = 100;
  p.publish(live, n, 2, 2);
  p.restart_counts();
  n.responses = 3;  // the worker's counters restarted at the clock
  p.publish(live, n, 2, 2);
  EXPECT_EQ(live.responses.load(), 103u);  // what was shown stays shown; nothing goes negative
  EXPECT_EQ(live.open_connections.load(), 2);  // connections carry on
}

}  // namespace
}  // namespace ringbench::engine
