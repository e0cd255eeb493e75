// --pipeline through real sockets: exact counts against serve, latencies that respect the
// server's delay, in-order matching across any split of the bytes, and what becomes of
// pipelined requests when the server closes or resets the connection.
#include <gtest/gtest.h>

#include <chrono>

#include "run_helpers.h"
#include "scripted_server.h"

using namespace ringbench;
using namespace ringbench::testing;
using namespace std::chrono_literals;
using stats::ErrorClass;

namespace {

Config pipelined(uint16_t port, uint64_t requests, uint32_t connections, uint32_t depth, uint32_t threads = 2) {
  Config c = config_for(port, requests, connections, threads);
  c.pipeline = depth;
  return c;
}

}  // namespace

TEST(EnginePipeline, RequestCountIsExactAndMatchesTheServer) {
  InProcessServer server;
  const stats::RunResult r = run_engine(pipelined(server.port(), 20000, 50, 8));
  EXPECT_EQ(r.totals.counters.responses, 20000u);
  EXPECT_EQ(r.totals.counters.error_total(), 0u);
  EXPECT_EQ(r.totals.latency.count(), 20000u);
  EXPECT_EQ(server.served(), 20000u);
  EXPECT_EQ(r.totals.counters.connections, 50u);
  EXPECT_EQ(r.totals.counters.body_bytes, 20000u * 2);
}

// Fewer requests than the pipelines could hold: -n still bounds what is sent.
TEST(EnginePipeline, AQuotaSmallerThanThePipelinesIsExact) {
  InProcessServer server;
  const stats::RunResult r = run_engine(pipelined(server.port(), 37, 10, 16));
  EXPECT_EQ(r.totals.counters.responses, 37u);
  EXPECT_EQ(server.served(), 37u);
}

// Each latency runs from its own send to its own last byte: none can be below the delay the
// server waits before each answer, however deep the pipeline.
TEST(EnginePipeline, LatenciesAreNeverBelowTheServersDelay) {
  serve::ServerOptions o;
  o.delay = 5ms;
  InProcessServer server(o);
  const stats::RunResult r = run_engine(pipelined(server.port(), 400, 5, 8));
  EXPECT_EQ(r.totals.counters.responses, 400u);
  EXPECT_GE(r.totals.latency.min(), uint64_t(std::chrono::nanoseconds(5ms).count()));
}

// A pipelined batch answered one byte per write, Content-Length and chunked responses in
// turn: every response is matched to its request, none lost or doubled.
TEST(EnginePipeline, ABatchAnsweredOneBytePerWriteIsMatchedInOrder) {
  ScriptedServer server(Behaviour::batch_bytewise);
  const stats::RunResult r = run_engine(pipelined(server.port(), 300, 3, 8));
  EXPECT_EQ(r.totals.counters.responses, 300u);
  EXPECT_EQ(r.totals.counters.error_total(), 0u);
  EXPECT_EQ(r.totals.counters.body_bytes, 300u * 3);  // "yes" each
  EXPECT_EQ(server.requests_seen(), 300u);
}

// The server answers 3 requests per connection, the third with Connection: close, and reads
// no further: the pipelined requests behind it were never processed, so they are sent again
// on new connections, and the run completes exactly -n responses with no error.
TEST(EnginePipeline, RequestsBehindAConnectionCloseAreRetried) {
  ScriptedServer server(Behaviour::close_after_answers, 3);
  const stats::RunResult r = run_engine(pipelined(server.port(), 200, 2, 8));
  EXPECT_EQ(r.totals.counters.responses, 200u);
  EXPECT_EQ(r.totals.counters.error_total(), 0u);
  EXPECT_EQ(server.requests_seen(), 200u);
  EXPECT_GE(r.totals.counters.reconnects, 200u / 3 - 2);
}

// A reset with requests outstanding fails each of them once, with its class: every request of
// the quota is accounted for, as a response or an error, never twice.
TEST(EnginePipeline, AResetFailsEachOutstandingRequestOnce) {
  ScriptedServer server(Behaviour::reset_after_request);
  const stats::RunResult r = run_engine(pipelined(server.port(), 40, 1, 4, 1));
  EXPECT_EQ(r.totals.counters.responses, 0u);
  EXPECT_EQ(r.totals.counters.error_total(), 40u);
  EXPECT_EQ(r.totals.counters.errors[size_t(ErrorClass::reset)], 40u);
  // Four fail with each connection (given back instead, they would take 40 connections).
  EXPECT_LE(r.totals.counters.reconnects, 10u);
}

// Open loop: with one connection and a server that waits, requests due while the connection is
// busy go out on it at once, pipelined, instead of waiting for it in the client queue.
TEST(EnginePipeline, OpenLoopPipelinesOntoBusyConnections) {
  serve::ServerOptions o;
  o.delay = 20ms;
  InProcessServer server(o);
  Config c = pipelined(server.port(), 100, 1, 8, 1);
  c.rate = 100;  // 2 due per 20 ms answer: well within the pipeline's 8
  const stats::RunResult r = run_engine(c);
  EXPECT_EQ(r.totals.counters.responses, 100u);
  EXPECT_EQ(server.served(), 100u);
  // None should wait; a few may when a loaded machine stalls the client for 60 ms or more
  // and the requests due meanwhile go out in one burst.
  EXPECT_LT(r.totals.counters.waited_for_connection, 10u);

  c.pipeline = 1;  // the contrast: one at a time (at most 50/s), about half wait
  const stats::RunResult one = run_engine(c);
  EXPECT_EQ(one.totals.counters.responses, 100u);
  EXPECT_GT(one.totals.counters.waited_for_connection, 30u);
}
