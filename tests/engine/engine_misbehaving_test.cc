// The engine against servers that close, reset, stall, babble or dribble.
#include <gtest/gtest.h>

#include <chrono>
#include <cstring>

#include "ringbench/core/clock.h"
#include "ringbench/io/socket_command.h"
#include "run_helpers.h"
#include "scripted_server.h"

using namespace ringbench;
using namespace ringbench::testing;
using namespace std::chrono_literals;
using stats::ErrorClass;

namespace {

uint64_t errors_of(const stats::RunResult& r, ErrorClass c) { return r.totals.counters.errors[size_t(c)]; }

}  // namespace

TEST(EngineMisbehaving, ServerClosingAfterEachResponseIsTransparent) {
  ScriptedServer server(Behaviour::close_after_response);
  const stats::RunResult r = run_engine(config_for(server.port(), 100, 4));
  EXPECT_EQ(r.totals.counters.responses, 100u);
  EXPECT_EQ(r.totals.counters.error_total(), 0u);
  EXPECT_EQ(server.requests_seen(), 100u);
  EXPECT_GE(r.totals.counters.reconnects, 96u);
  EXPECT_EQ(r.totals.counters.body_bytes, 100u * std::strlen(ScriptedServer::body));
}

TEST(EngineMisbehaving, CloseDelimitedBodiesComplete) {
  ScriptedServer server(Behaviour::close_delimited);
  const stats::RunResult r = run_engine(config_for(server.port(), 50, 2));
  EXPECT_EQ(r.totals.counters.responses, 50u);
  EXPECT_EQ(r.totals.counters.error_total(), 0u);
  EXPECT_EQ(r.totals.counters.body_bytes, 50u * std::strlen(ScriptedServer::body));
}

TEST(EngineMisbehaving, ResetsAreCountedAsResetErrors) {
  ScriptedServer server(Behaviour::reset_after_request);
  const stats::RunResult r = run_engine(config_for(server.port(), 40, 2));
  EXPECT_EQ(r.totals.counters.responses, 0u);
  EXPECT_EQ(errors_of(r, ErrorClass::reset), 40u);
  EXPECT_EQ(r.requests(), 40u);
  EXPECT_EQ(server.requests_seen(), 40u);
  EXPECT_FALSE(r.totals.counters.first_error[size_t(ErrorClass::reset)].empty());
}

TEST(EngineMisbehaving, GarbageIsAProtocolError) {
  ScriptedServer server(Behaviour::garbage);
  const stats::RunResult r = run_engine(config_for(server.port(), 20, 2));
  EXPECT_EQ(errors_of(r, ErrorClass::protocol), 20u);
  EXPECT_EQ(r.totals.counters.responses, 0u);
  EXPECT_EQ(server.requests_seen(), 20u);
}

TEST(EngineMisbehaving, ChunkedOneBytePerWriteIsParsed) {
  ScriptedServer server(Behaviour::chunked_bytewise);
  const stats::RunResult r = run_engine(config_for(server.port(), 20, 2));
  EXPECT_EQ(r.totals.counters.responses, 20u);
  EXPECT_EQ(r.totals.counters.error_total(), 0u);
  EXPECT_EQ(r.totals.counters.body_bytes, 20u * std::strlen(ScriptedServer::body));
}

TEST(EngineMisbehaving, StalledServerTimesOutEveryRequest) {
  ScriptedServer server(Behaviour::stall);
  Config c = config_for(server.port(), 4, 2);
  c.timeout = 200ms;
  const uint64_t t0 = monotonic_ns();
  const stats::RunResult r = run_engine(c);
  const double wall = double(monotonic_ns() - t0) / 1e9;
  EXPECT_EQ(errors_of(r, ErrorClass::timeout), 4u);
  EXPECT_EQ(r.totals.counters.responses, 0u);
  EXPECT_GE(wall, 0.39);  // two rounds of 200 ms per connection
  // Timeouts that never fired would hang the run (the server never answers); 10 s, 25 times the
  // expected 0.4 s, turns that into a failure without a loaded machine's stalls tripping it.
  EXPECT_LT(wall, 10.0);
}

TEST(EngineMisbehaving, StalledServerCannotMakeADurationRunOverrun) {
  ScriptedServer server(Behaviour::stall);
  Config c = config_for(server.port(), 0, 4);
  c.requests.reset();
  c.duration = 400ms;
  const uint64_t t0 = monotonic_ns();
  const stats::RunResult r = run_engine(c);
  const double wall = double(monotonic_ns() - t0) / 1e9;
  // An overrun would wait for the 20 s default timeout: 4 s is ten times the run and a fifth of
  // that, so only a real overrun fails, not a loaded machine's scheduling delay.
  EXPECT_LT(wall, 4.0);
  EXPECT_GE(r.duration_s, 0.4);
  EXPECT_LT(r.duration_s, 4.0);
  // In flight at the deadline: unfinished, not errors. Each connection sends one request at
  // the clock's start, but a worker descheduled for the whole 0.4 s (seen with four suites on
  // two cores) sends none, so up to 4, at least 1.
  EXPECT_GE(r.totals.counters.unfinished, 1u);
  EXPECT_LE(r.totals.counters.unfinished, 4u);
  EXPECT_EQ(r.totals.counters.responses, 0u);
  EXPECT_EQ(r.totals.counters.error_total(), 0u);
}

TEST(EngineMisbehaving, ConnectionsThatCannotOpenAreCountedAndTheRunGoesOn) {
  ScriptedServer server(Behaviour::never_accept);  // the accept queue holds two connections
  Config c = config_for(server.port(), 0, 8);
  c.requests.reset();
  c.duration = 300ms;
  c.timeout = 250ms;
  const stats::RunResult r = run_engine(c);
  const stats::Counters& n = r.totals.counters;
  EXPECT_GE(n.connections, 1u);
  EXPECT_LT(n.connections, 8u);
  EXPECT_EQ(n.connections + n.connect_failures, 8u);
  EXPECT_NE(n.first_error[size_t(ErrorClass::connect)].find("timed out"), std::string::npos)
      << n.first_error[size_t(ErrorClass::connect)];
  EXPECT_EQ(n.responses, 0u);
}

TEST(EngineMisbehaving, ConnectionsCanBeSpreadOverLoopbackSourceAddresses) {
  if (!io::bind_command_supported() || !io::setsockopt_command_supported()) {
    GTEST_SKIP() << "binding direct sockets needs io_uring bind (kernel 6.11) and setsockopt (6.7)";
  }
  ScriptedServer server(Behaviour::close_after_response);
  engine::Plan plan = engine::make_plan(config_for(server.port(), 40, 4));
  EXPECT_TRUE(plan.sources.empty());  // 4 connections fit one source address
  for (uint32_t last : {2u, 3u}) {    // what make_plan does past ~21k connections
    sockaddr_in source{};
    source.sin_family = AF_INET;
    source.sin_addr.s_addr = htonl((127u << 24) | last);
    plan.sources.push_back(source);
  }
  const stats::RunResult r = run_plan(plan);
  EXPECT_EQ(r.totals.counters.responses, 40u);
  EXPECT_EQ(r.totals.counters.error_total(), 0u);
  EXPECT_EQ(server.peer_addresses(), (std::set<std::string>{"127.0.0.2", "127.0.0.3"}));
}

TEST(EngineMisbehaving, PlansSpreadSourcesOnlyWhenOneAddressRunsOutOfPorts) {
  Config c = config_for(8080, 10, 30000);
  EXPECT_GE(engine::make_plan(c).sources.size(), 2u);
  c.url = "http://[::1]:8080/";
  EXPECT_TRUE(engine::make_plan(c).sources.empty());  // IPv4 loopback only
}

TEST(EngineMisbehaving, BytesPastTheDeclaredLengthAreAProtocolError) {
  ScriptedServer server(Behaviour::body_longer_than_length);
  const stats::RunResult r = run_engine(config_for(server.port(), 12, 2));
  EXPECT_EQ(errors_of(r, ErrorClass::protocol), 12u);
  EXPECT_EQ(r.totals.counters.responses, 0u);
  EXPECT_EQ(r.requests(), 12u);
}
