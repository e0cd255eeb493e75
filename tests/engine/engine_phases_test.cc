// What one request's latency and phases mean: the phases are intervals between events the
// worker saw, and they tile each latency exactly (stats/phases.h).
#include <gtest/gtest.h>

#include <chrono>

#include "run_helpers.h"
#include "scripted_server.h"

using namespace ringbench;
using namespace ringbench::testing;
using namespace std::chrono_literals;

namespace {

void expect_phases_tile_latency(const stats::RunResult& r) {
  const stats::Phases& p = r.totals.phases;
  // Every phase is sampled once per complete response, connect (and tls) once per response
  // that waited for its connection.
  EXPECT_EQ(p.wait.count, r.totals.latency.count());
  EXPECT_EQ(p.read.count, r.totals.latency.count());
  EXPECT_EQ(p.request_sum_ns(), r.totals.latency.sum_ns());
}

}  // namespace

TEST(EnginePhases, KeptAliveRequestsAreWaitPlusRead) {
  InProcessServer server;
  const stats::RunResult r = run_engine(config_for(server.port(), 3000, 20));
  ASSERT_EQ(r.totals.counters.responses, 3000u);
  expect_phases_tile_latency(r);
  EXPECT_EQ(r.totals.phases.connect.count, 0u);
}

// The request's latency includes the connect it waited for (as hey's does).
TEST(EnginePhases, ARequestOnANewConnectionIncludesTheConnect) {
  InProcessServer server;
  Config c = config_for(server.port(), 400, 4);
  c.keepalive = false;
  const stats::RunResult r = run_engine(c);
  ASSERT_EQ(r.totals.counters.responses, 400u);
  expect_phases_tile_latency(r);
  // The 4 connections opened before the clock carry one request each; the other 396 waited.
  EXPECT_EQ(r.totals.phases.connect.count, 396u);
  EXPECT_GT(r.totals.phases.connect.min_ns, 0u);
  EXPECT_GE(r.totals.latency.max(), r.totals.phases.connect.max_ns);
}

TEST(EnginePhases, AServerThatClosesChargesTheReconnectToTheNextRequest) {
  ScriptedServer server(Behaviour::close_after_response);
  const stats::RunResult r = run_engine(config_for(server.port(), 60, 3));
  ASSERT_EQ(r.totals.counters.responses, 60u);
  expect_phases_tile_latency(r);
  EXPECT_EQ(r.totals.phases.connect.count, 57u);
}

// wait starts no later than the send, so it can never be shorter than the time the server
// held the response back; the server's delay is a hard lower bound, whatever the load.
TEST(EnginePhases, WaitIsNeverShorterThanTheServersDelay) {
  serve::ServerOptions options;
  options.delay = 5ms;
  InProcessServer server(options);
  const stats::RunResult r = run_engine(config_for(server.port(), 6000, 200));
  ASSERT_EQ(r.totals.counters.responses, 6000u);
  expect_phases_tile_latency(r);
  EXPECT_GE(r.totals.phases.wait.min_ns, uint64_t(Nanos(5ms).count()));
  EXPECT_GE(r.totals.latency.min(), uint64_t(Nanos(5ms).count()));
}
