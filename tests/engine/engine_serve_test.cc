// The engine against `ringbench serve`: exactness of -n, durations, interrupts, bodies.
#include <gtest/gtest.h>

#include <chrono>

#include "ringbench/core/clock.h"
#include "ringbench/core/error.h"
#include "run_helpers.h"

using namespace ringbench;
using namespace ringbench::testing;
using namespace std::chrono_literals;

namespace {

uint64_t status_200(const stats::RunResult& r) { return r.totals.counters.status_count(200); }

}  // namespace

TEST(EngineServe, RequestCountIsExactAndMatchesTheServer) {
  InProcessServer server;
  const stats::RunResult r = run_engine(config_for(server.port(), 1000, 10));
  EXPECT_EQ(r.totals.counters.responses, 1000u);
  EXPECT_EQ(r.totals.counters.error_total(), 0u);
  EXPECT_EQ(status_200(r), 1000u);
  EXPECT_EQ(r.totals.latency.count(), 1000u);
  EXPECT_EQ(server.served(), 1000u);
  EXPECT_EQ(r.totals.counters.connections, 10u);
  EXPECT_EQ(r.totals.counters.body_bytes, 2000u);  // "ok" each
  EXPECT_GT(r.totals.counters.bytes_written, 1000u * 40);
  EXPECT_GT(r.duration_s, 0.0);
}

TEST(EngineServe, UnevenSplitsStillCompleteExactlyN) {
  InProcessServer server;
  const stats::RunResult r = run_engine(config_for(server.port(), 997, 7, 3));
  EXPECT_EQ(r.totals.counters.responses, 997u);
  EXPECT_EQ(server.served(), 997u);
}

TEST(EngineServe, DisabledKeepAliveReconnectsForEveryRequest) {
  InProcessServer server;
  Config c = config_for(server.port(), 200, 4);
  c.keepalive = false;
  const stats::RunResult r = run_engine(c);
  EXPECT_EQ(r.totals.counters.responses, 200u);
  EXPECT_EQ(r.totals.counters.error_total(), 0u);
  EXPECT_EQ(server.served(), 200u);
  // Every request after the first on each connection needed a new one.
  EXPECT_GE(r.totals.counters.reconnects, 196u);
  EXPECT_GE(r.totals.phases.connect.count, 196u);
}

TEST(EngineServe, DurationRunEndsOnTimeAndAccountsForInFlight) {
  InProcessServer server;
  Config c = config_for(server.port(), 0, 20);
  c.requests.reset();
  c.duration = 300ms;
  const uint64_t t0 = monotonic_ns();
  const stats::RunResult r = run_engine(c);
  const double wall = double(monotonic_ns() - t0) / 1e9;
  EXPECT_NEAR(r.duration_s, 0.3, 0.05);
  EXPECT_LT(wall, 1.5);
  EXPECT_GT(r.totals.counters.responses, 100u);
  EXPECT_EQ(r.totals.counters.error_total(), 0u);
  EXPECT_LE(r.totals.counters.unfinished, 20u);
  // The server answered everything we read and at most the requests still in flight.
  EXPECT_GE(server.served(), r.totals.counters.responses);
  EXPECT_LE(server.served(), r.totals.counters.responses + r.totals.counters.unfinished);
}

TEST(EngineServe, InterruptEndsARunEarly) {
  InProcessServer server;
  Config c = config_for(server.port(), 0, 4);
  c.requests.reset();
  c.duration = 30s;
  std::atomic<bool> stop{false};
  std::thread interrupter([&] {
    std::this_thread::sleep_for(200ms);
    stop = true;
  });
  const stats::RunResult r = run_engine(c, stop);
  interrupter.join();
  EXPECT_TRUE(r.interrupted);
  // A stop that was ignored runs the whole 30 s; 10 s is far from both that and the 0.2 s
  // at which the stop came, whatever a loaded machine adds.
  EXPECT_LT(r.duration_s, 10.0);
  EXPECT_GT(r.totals.counters.responses, 0u);
}

TEST(EngineServe, LargeBodiesAreCountedNotCopied) {
  serve::ServerOptions big;
  big.body_size = 1 << 20;
  InProcessServer server(big);
  const stats::RunResult r = run_engine(config_for(server.port(), 40, 4));
  EXPECT_EQ(r.totals.counters.responses, 40u);
  EXPECT_EQ(r.totals.counters.body_bytes, 40ull << 20);
  EXPECT_GT(r.totals.counters.bytes_read, 40ull << 20);
  EXPECT_EQ(r.totals.counters.error_total(), 0u);
}

TEST(EngineServe, ChunkedBodiesAreDecoded) {
  serve::ServerOptions chunked;
  chunked.body_size = 100'000;
  chunked.chunked = true;
  InProcessServer server(chunked);
  const stats::RunResult r = run_engine(config_for(server.port(), 50, 5));
  EXPECT_EQ(r.totals.counters.responses, 50u);
  EXPECT_EQ(r.totals.counters.body_bytes, 50u * 100'000);
}

TEST(EngineServe, HeadResponsesHaveNoBody) {
  InProcessServer server;
  Config c = config_for(server.port(), 30, 3);
  c.method = "HEAD";
  const stats::RunResult r = run_engine(c);
  EXPECT_EQ(r.totals.counters.responses, 30u);
  EXPECT_EQ(r.totals.counters.body_bytes, 0u);
  EXPECT_EQ(r.totals.counters.error_total(), 0u);
}

// The run returns what it tried (the report prints it); unreachable_reason says why it could
// not run, naming the address.
TEST(EngineServe, NothingListeningIsCannotRunWithTheReason) {
  const RefusingPort refusing;
  const uint16_t port = refusing.port();
  const stats::RunResult r = run_engine(config_for(port, 10, 2));
  EXPECT_EQ(r.totals.counters.connect_failures, 2u);
  EXPECT_EQ(r.requests(), 0u);
  EXPECT_EQ(engine::unreachable_reason(r), "no connection could be established: connect 127.0.0.1:" +
                                               std::to_string(port) + ": Connection refused");
}

TEST(EngineServe, LargeRequestBodiesGoOutZeroCopy) {
  InProcessServer server;
  Config c = config_for(server.port(), 60, 3);
  c.method = "POST";
  c.body.assign(engine::zero_copy_min_bytes + 1000, 'b');
  const engine::Plan plan = engine::make_plan(c);
  EXPECT_TRUE(plan.zero_copy);
  const stats::RunResult r = run_engine(c);
  EXPECT_EQ(r.totals.counters.responses, 60u);
  EXPECT_EQ(r.totals.counters.error_total(), 0u);
  EXPECT_EQ(server.served(), 60u);
  EXPECT_EQ(r.totals.counters.bytes_written, 60u * plan.request.size());
}

TEST(EngineServe, IntervalsPartitionTheRun) {
  InProcessServer server;
  Config c = config_for(server.port(), 0, 8);
  c.requests.reset();
  c.duration = 1s;
  engine::Plan plan = engine::make_plan(c);
  plan.interval = 200ms;
  struct Recorder : engine::RunObserver {
    std::vector<stats::IntervalSummary> seen;
    int ticks = 0;
    void on_tick(const engine::LiveCounters&) override { ++ticks; }
    void on_interval(const stats::IntervalSummary& i) override { seen.push_back(i); }
  } recorder;
  static const std::atomic<bool> never{false};
  const stats::RunResult r = engine::run(plan, never, &recorder);
  ASSERT_GE(r.intervals.size(), 4u);
  EXPECT_LE(r.intervals.size(), 6u);
  EXPECT_EQ(recorder.seen.size(), r.intervals.size());  // streamed as they completed
  EXPECT_GE(recorder.ticks, 5);                          // ~10 per second
  uint64_t responses = 0;
  double previous_end = 0;
  for (const stats::IntervalSummary& i : r.intervals) {
    EXPECT_DOUBLE_EQ(i.start_s, previous_end);
    EXPECT_GT(i.end_s, i.start_s);
    EXPECT_GT(i.responses, 0u);
    EXPECT_GT(i.p50_ns, 0u);
    EXPECT_LE(i.p50_ns, i.p99_ns);
    EXPECT_LE(double(i.p99_ns), double(i.max_ns) * 1.001);  // bucket top, within 3 digits
    responses += i.responses;
    previous_end = i.end_s;
  }
  EXPECT_EQ(responses, r.totals.counters.responses);  // every response in exactly one interval
  EXPECT_NEAR(previous_end, r.duration_s, 0.01);
}

// Every response of `serve --delay 3ms` took at least 3 ms on the server, so no latency may read
// lower: a send's start time must never be placed after the moment it really entered the
// kernel (flush_sends stamps per chunk and falls back to the chunk's start after a stall).
TEST(EngineServe, NoLatencyReadsBelowTheServersDelay) {
  serve::ServerOptions options;
  options.delay = 3ms;
  InProcessServer server(options);
  Config c = config_for(server.port(), 0, 300);
  c.requests.reset();
  c.duration = 600ms;
  const stats::RunResult r = run_engine(c);
  ASSERT_GT(r.totals.latency.count(), 1000u);
  EXPECT_GE(r.totals.latency.min(), 3'000'000u);
}
