// A server that stops answering near the end of a -z run: the requests left in flight are
// reported with their ages, and --drain waits for them.
#include <gtest/gtest.h>

#include <chrono>

#include "ringbench/core/clock.h"
#include "run_helpers.h"
#include "scripted_server.h"

using namespace ringbench;
using namespace ringbench::testing;
using namespace std::chrono_literals;

TEST(EngineStall, RequestsInFlightAtTheDeadlineKeepTheirAges) {
  ScriptedServer server(Behaviour::freeze, 200);
  Config c = config_for(server.port(), 0, 4);
  c.requests.reset();
  c.duration = 1s;
  const uint64_t before = monotonic_ns();
  const stats::RunResult r = run_engine(c);
  ASSERT_GE(r.totals.counters.responses, 200u);
  ASSERT_NE(server.froze_at_ns(), 0u);
  // Every connection is stuck on a request the server will never answer.
  EXPECT_EQ(r.totals.counters.unfinished, 4u);
  const stats::UnfinishedAges& ages = r.totals.unfinished_ages;
  ASSERT_EQ(ages.count(), 4u);
  // A request left unanswered arrived at froze_at and was sent before that; the run ended no
  // earlier than `before` + 1 s. So the oldest age is at least their difference, and at most
  // the run (requests start after the clock).
  const uint64_t run_end_at_least = before + uint64_t(Nanos(1s).count());
  EXPECT_GE(ages.max_ns(), run_end_at_least - server.froze_at_ns());
  EXPECT_LE(ages.max_ns(), uint64_t(r.duration_s * 1e9) + 1);
  EXPECT_LE(ages.p50_ns(), ages.max_ns());
  EXPECT_GT(ages.max_ns(), r.totals.latency.percentile(99.9));
}

TEST(EngineStall, DrainWaitsForTheResponsesInFlightAndCountsThem) {
  serve::ServerOptions options;
  options.delay = 400ms;  // longer than the run: nothing is answered before the deadline
  InProcessServer server(options);
  Config c = config_for(server.port(), 0, 4);
  c.requests.reset();
  c.duration = 100ms;
  c.drain = 30s;  // generous: the run ends when the last response arrives, not after 30 s
  const stats::RunResult r = run_engine(c);
  EXPECT_EQ(r.totals.counters.responses, 4u);
  EXPECT_EQ(r.totals.counters.unfinished, 0u);
  EXPECT_EQ(r.totals.unfinished_ages.count(), 0u);
  EXPECT_EQ(server.served(), 4u);  // nothing was sent after the deadline
  EXPECT_GE(r.totals.latency.min(), uint64_t(Nanos(400ms).count()));
  // The duration runs to the last response: the rate's denominator includes the drain.
  EXPECT_GE(r.duration_s, 0.4);
  EXPECT_LT(r.duration_s, 20.0);
}

TEST(EngineStall, WithoutDrainTheSameRequestsAreUnfinished) {
  serve::ServerOptions options;
  options.delay = 400ms;
  InProcessServer server(options);
  Config c = config_for(server.port(), 0, 4);
  c.requests.reset();
  c.duration = 100ms;
  const stats::RunResult r = run_engine(c);
  EXPECT_EQ(r.totals.counters.responses, 0u);
  EXPECT_EQ(r.totals.counters.unfinished, 4u);
  EXPECT_LT(r.duration_s, 0.4);
  EXPECT_LE(r.totals.unfinished_ages.max_ns(), uint64_t(r.duration_s * 1e9) + 1);
}

TEST(EngineStall, ADrainEndsWhenItsTimeIsUp) {
  ScriptedServer server(Behaviour::freeze, 50);
  Config c = config_for(server.port(), 0, 2);
  c.requests.reset();
  c.duration = 200ms;
  c.drain = 300ms;
  const stats::RunResult r = run_engine(c);
  EXPECT_EQ(r.totals.counters.unfinished, 2u);
  EXPECT_GE(r.duration_s, 0.5);
  // The ages are taken when the run stops waiting, the end of the drain.
  EXPECT_GE(r.totals.unfinished_ages.max_ns(), uint64_t(Nanos(300ms).count()));
}
