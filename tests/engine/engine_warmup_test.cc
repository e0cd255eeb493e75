// Plan::warmup (sweep --warmup): requests run before the clock and nothing they measure is kept.
#include <gtest/gtest.h>

#include <chrono>

#include "run_helpers.h"

using namespace ringbench;
using namespace ringbench::testing;
using namespace std::chrono_literals;

// The server answers the warm-up too, but the run reports exactly -n: requests in flight when
// the warm-up ends are charged to the quota and counted in the measured window.
TEST(EngineWarmup, CountRunReportsExactlyNAfterTheWarmup) {
  InProcessServer server;
  engine::Plan plan = engine::make_plan(config_for(server.port(), 500, 10));
  plan.warmup = 200ms;
  const stats::RunResult r = run_plan(plan);
  EXPECT_EQ(r.totals.counters.responses, 500u);
  EXPECT_EQ(r.totals.latency.count(), 500u);
  EXPECT_EQ(r.totals.counters.error_total(), 0u);
  EXPECT_EQ(r.totals.counters.connections, 10u);  // opened before the warm-up, still counted
  EXPECT_GT(server.served(), 1000u);              // 200 ms of warm-up answered far more than 500
}

TEST(EngineWarmup, DurationAndIntervalsCoverOnlyTheMeasuredWindow) {
  InProcessServer server;
  Config c = config_for(server.port(), 0, 8);
  c.requests.reset();
  c.duration = 400ms;
  engine::Plan plan = engine::make_plan(c);
  plan.warmup = 2s;
  plan.interval = 200ms;
  const stats::RunResult r = run_plan(plan);
  EXPECT_GE(r.duration_s, 0.4);
  // Were the warm-up part of the run, it would last 2.4 s; 2 s leaves a loaded machine 1.6 s
  // of overshoot past the 0.4 s deadline before this could fail for the wrong reason.
  EXPECT_LT(r.duration_s, 2.0);
  ASSERT_FALSE(r.intervals.empty());
  EXPECT_EQ(r.intervals.front().start_s, 0.0);
  uint64_t in_intervals = 0;
  for (const auto& i : r.intervals) in_intervals += i.responses;
  EXPECT_EQ(in_intervals, r.totals.counters.responses);
  EXPECT_GT(server.served(), r.totals.counters.responses + r.totals.counters.unfinished);
}
