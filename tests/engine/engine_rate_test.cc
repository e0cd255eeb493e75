// Open loop (--rate) through real sockets: exact counts on the schedule, latency from the
// intended start (a server stall shows in every request due during it, where closed loop hides
// it), service time and phases beside it, and nothing scheduled ever lost.
#include <gtest/gtest.h>

#include <chrono>

#include "ringbench/core/clock.h"
#include "run_helpers.h"
#include "scripted_server.h"

using namespace ringbench;
using namespace ringbench::testing;
using namespace std::chrono_literals;

namespace {

// Every request the schedule released ended one way or another.
void expect_all_accounted(const stats::RunResult& r) {
  const stats::Counters& n = r.totals.counters;
  EXPECT_EQ(n.scheduled, n.responses + n.error_total() + n.unfinished);
}

double share_above(const stats::Histogram& h, uint64_t ns) {
  uint64_t above = 0;
  h.for_each_bucket([&](uint64_t low, uint64_t, uint64_t count) {
    if (low > ns) above += count;
  });
  return h.count() ? double(above) / double(h.count()) : 0.0;
}

Config rate_config(uint16_t port, double rate, uint32_t connections) {
  Config c = config_for(port, 0, connections, 1);
  c.requests.reset();
  c.rate = rate;
  return c;
}

}  // namespace

TEST(EngineRate, SendsExactlyNOnTheScheduleAndLastsNOverR) {
  InProcessServer server;
  Config c = rate_config(server.port(), 2000, 20);
  c.requests = 1000;
  c.threads = 2;
  const stats::RunResult r = run_engine(c);
  const stats::Counters& n = r.totals.counters;
  EXPECT_EQ(n.responses, 1000u);
  EXPECT_EQ(server.served(), 1000u);
  EXPECT_EQ(n.scheduled, 1000u);
  expect_all_accounted(r);
  // The last request is due (N-1)/R after the start, so the run cannot be shorter; a loaded
  // machine may add a little at the end, so the upper bound is generous (4x).
  EXPECT_GE(r.duration_s, 999.0 / 2000.0);
  EXPECT_LT(r.duration_s, 2.0);
  EXPECT_EQ(r.totals.service_time.count(), 1000u);
}

TEST(EngineRate, LatencyCountsFromTheIntendedStartAndPhasesTileIt) {
  serve::ServerOptions options;
  options.delay = 5ms;
  InProcessServer server(options);
  Config c = rate_config(server.port(), 400, 8);
  c.requests = 400;
  const stats::RunResult r = run_engine(c);
  const stats::WorkerStats& t = r.totals;
  ASSERT_EQ(t.counters.responses, 400u);
  // No latency below what the server takes, and service time never exceeds the latency.
  EXPECT_GE(t.latency.min(), uint64_t(Nanos(5ms).count()));
  EXPECT_GE(t.service_time.min(), uint64_t(Nanos(5ms).count()));
  // A send goes out once the loop has seen its intended time pass, so latency (from the
  // intended start) exceeds service time (from the send) for every request.
  EXPECT_GT(t.latency.sum_ns(), t.service_time.sum_ns());
  EXPECT_EQ(t.latency.sum_ns() - t.service_time.sum_ns(), t.phases.queue.sum_ns);
  // queue + wait + read = latency, for every response (no connects in this run).
  EXPECT_EQ(t.phases.queue.count, 400u);
  EXPECT_EQ(t.phases.request_sum_ns(), t.latency.sum_ns());
  // Each request found an idle connection (its send lag is recorded) or waited for one.
  EXPECT_EQ(t.send_lag.count() + t.counters.waited_for_connection, 400u);
  EXPECT_GT(t.send_lag.count(), 0u);
}

// With rate R for T seconds and a stall of S, a fraction S/T of the requests is delayed, by
// amounts spread evenly from 0 to S, so a share of about S/(2T) waits longer than S/2. Closed
// loop stops sending during the stall, so only the requests already in flight see it.
TEST(EngineRate, AServerStallDelaysEveryRequestDueDuringIt) {
  constexpr auto stall = 500ms;
  const uint64_t half_stall = uint64_t(Nanos(stall).count()) / 2;
  serve::ServerOptions stalling;
  stalling.stall = {.after = 1s, .length = stall};  // every answer due in [1 s, 1.5 s] is held to its end
  InProcessServer open_server(stalling);
  // `ringbench serve --stall` (one io_uring thread) at 200/s, and 150 connections outnumber the
  // 100 requests due during the stall, so the backlog drains in one round trip when it ends
  // (at 1000/s with 50 connections against a thread-per-connection server a loaded CI machine
  // never drained it, and 38 % waited over S/2).
  Config c = rate_config(open_server.port(), 200, 150);
  c.duration = 3s;
  const stats::RunResult open = run_engine(c);
  expect_all_accounted(open);
  // The arithmetic holds for a client that kept its schedule. One descheduled for tens of ms
  // at a time (seen with more test processes than cores) adds its own lateness to every
  // latency, as open loop must, and says so in its send lag: then there is nothing to check.
  const uint64_t lag_p99 = open.totals.send_lag.percentile(99);
  if (lag_p99 > uint64_t(Nanos(20ms).count())) {
    GTEST_SKIP() << "the client could not keep its schedule on this machine (send lag p99 " << lag_p99 / 1000
                 << " us): the stall arithmetic does not apply";
  }
  const double expected = 0.5 / 2 / open.duration_s;  // S / (2T)
  const double seen = share_above(open.totals.latency, half_stall);
  EXPECT_GT(seen, expected * 0.6) << "open loop must show the stall in every request due during it";
  EXPECT_LT(seen, expected * 1.4);

  InProcessServer closed_server(stalling);
  Config closed_config = config_for(closed_server.port(), 0, 50, 1);
  closed_config.requests.reset();
  closed_config.duration = 3s;
  const stats::RunResult closed = run_engine(closed_config);
  // At most the 50 requests in flight waited; far fewer than open loop's share.
  EXPECT_LT(share_above(closed.totals.latency, half_stall), expected / 4);
}

TEST(EngineRate, RequestsThatFindNoConnectionTimeOutInTheQueueAndAreCounted) {
  ScriptedServer server(Behaviour::stall);  // reads requests, never answers
  Config c = rate_config(server.port(), 200, 2);
  c.duration = 1s;
  c.timeout = 300ms;
  const stats::RunResult r = run_engine(c);
  const stats::Counters& n = r.totals.counters;
  expect_all_accounted(r);
  EXPECT_EQ(n.responses, 0u);
  // ~200 due, 2 connections: nearly all wait, and those due before 0.7 s time out there.
  EXPECT_GT(n.waited_for_connection, 100u);
  EXPECT_GT(n.errors[size_t(stats::ErrorClass::timeout)], 50u);
  EXPECT_GT(n.max_client_queue, 20u);
  // (Requests still queued at the deadline are unfinished, but a client descheduled for more
  // than -t just before it finds them all expired: the count is not asserted.)
}

// --stages in open loop: the rate ramps from 0 to 1000/s over the first second, then holds;
// each interval carries the schedule's mean rate and achieves about that much.
TEST(EngineRate, StagesRampTheRateAndIntervalsCarryTheTarget) {
  InProcessServer server;
  Config c = rate_config(server.port(), 0, 20);
  c.stages = {{1s, 1000}, {1s, 1000}};
  const stats::RunResult r = run_engine(c);
  expect_all_accounted(r);
  EXPECT_NEAR(double(r.totals.counters.scheduled), 1500, 2);  // 500 in the ramp + 1000
  ASSERT_GE(r.intervals.size(), 2u);
  // The target is the schedule's mean over each interval's own bounds (a cut a little after
  // 1 s includes some of the flat stage): in the ramp, 1000/s^2 x the interval's middle.
  const stats::IntervalSummary& first = r.intervals[0];
  ASSERT_TRUE(first.target_rate);
  if (first.end_s <= 1.0) {
    EXPECT_NEAR(*first.target_rate, 1000 * (first.start_s + first.end_s) / 2, 1);
  }
  EXPECT_GT(*first.target_rate, 450);
  EXPECT_NEAR(*r.intervals[1].target_rate, 1000, 30);
  // The achieved rate follows: the ramp's second sends more than its first. (How much more is
  // not asserted: a client descheduled in one second catches up in the next, seen under load.)
  EXPECT_GT(r.intervals[1].responses, r.intervals[0].responses);
}

// --stages in closed loop ramps the connections sending: against a server that answers in
// 10 ms, k connections give about 100k requests/s.
TEST(EngineRate, ClosedLoopStagesRampTheConnectionsSending) {
  serve::ServerOptions options;
  options.delay = 10ms;
  InProcessServer server(options);
  Config c = config_for(server.port(), 0, 16, 1);
  c.requests.reset();
  c.stages = {{1s, 8}, {1s, 8}};
  const stats::RunResult r = run_engine(c);
  ASSERT_GE(r.intervals.size(), 2u) << "duration " << r.duration_s << " s, " << r.totals.counters.responses
                                    << " responses";
  EXPECT_FALSE(r.intervals[0].target_rate);
  // Second 0 ramps 0 -> 8 connections (4 on average), second 1 holds 8, so at most about
  // 400 + 800 responses (each takes at least 10 ms): the pool's 16 would allow 3,200. A
  // descheduled client sends less, never more, so only the ceiling and the ramp's direction
  // are asserted.
  EXPECT_LE(r.totals.counters.responses, 1300u);
  EXPECT_GT(r.intervals[1].responses, r.intervals[0].responses);
  EXPECT_GE(r.duration_s, 2.0);
}

// Poisson arrivals clump, constant ones do not, and the engine sends what its schedule says:
// one connection, a server that answers in 3 ms, 100 requests/s. Constant gaps of 10 ms never
// find the connection busy (unless a loaded machine stretches an answer past 10 ms), while a
// poisson gap is shorter than 3 ms about 26 % of the time (1 - e^-0.3), so about 52 of 200
// requests wait. (Gaps measured at the server were tried and failed under a loaded CI machine,
// which bunches arrivals whatever their schedule; this contrast does not depend on timing.)
TEST(EngineRate, PoissonArrivalsClumpAndConstantOnesDoNot) {
  serve::ServerOptions options;
  options.delay = 3ms;
  InProcessServer server(options);
  Config c = rate_config(server.port(), 100, 1);
  c.requests = 200;
  c.arrivals = Arrivals::poisson;
  const stats::RunResult poisson = run_engine(c);
  c.arrivals = Arrivals::constant;
  const stats::RunResult constant = run_engine(c);
  ASSERT_EQ(poisson.totals.counters.responses, 200u);
  ASSERT_EQ(constant.totals.counters.responses, 200u);
  EXPECT_GT(poisson.totals.counters.waited_for_connection, 25u);
  // Constant gaps find the connection busy only when the machine stretched an answer or the
  // client's own sending past the 10 ms gap (seen with four test processes and a benchmark on
  // two cores: 37 waited). Then the run shows it, and the contrast has nothing to say.
  const uint64_t service_p99 = constant.totals.service_time.percentile(99);
  const uint64_t lag_p99 = constant.totals.send_lag.percentile(99);
  if (service_p99 > uint64_t(Nanos(8ms).count()) || lag_p99 > uint64_t(Nanos(5ms).count())) {
    GTEST_SKIP() << "this machine stretched 3 ms answers or the client's sends (service time p99 "
                 << service_p99 / 1000 << " us, send lag p99 " << lag_p99 / 1000 << " us): constant gaps of 10 ms "
                 << "cannot be told from clumps here";
  }
  EXPECT_LT(constant.totals.counters.waited_for_connection, 10u);
}
