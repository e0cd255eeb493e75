// The engine against servers that close, reset, stall, babble or dribble.
#include <gtest/gtest.h>

#include <chrono>
#include <cstring>
#include <random>

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

// A port range of 8 on each of 4 source addresses, 7 of the first's pairs already taken by
// ordinary sockets: 12 connections (more than one address's range) all open, over several
// addresses, skipping the taken pairs. Before a failed bind ended the connect at once, each
// connection that met a taken pair waited for its timeout and failed.
TEST(EngineMisbehaving, ConnectionsSkipTakenSourcePortsAndSpreadOverAddresses) {
  if (!io::bind_command_supported() || !io::setsockopt_command_supported()) {
    GTEST_SKIP() << "binding direct sockets needs io_uring bind (kernel 6.11) and setsockopt (6.7)";
  }
  ScriptedServer server(Behaviour::freeze, 1000);  // keep-alive 200s
  engine::Plan plan = engine::make_plan(config_for(server.port(), 36, 12));
  ASSERT_FALSE(plan.sources.empty());  // a loopback target: ringbench picks the source ports
  plan.sources.clear();
  for (uint32_t last = 2; last < 6; ++last) {
    sockaddr_in source{};
    source.sin_family = AF_INET;
    source.sin_addr.s_addr = htonl((127u << 24) | last);
    plan.sources.push_back(source);
  }
  // Eight ports below the ephemeral range (so no earlier run's TIME_WAIT is likely on them), all
  // but the last taken on 127.0.0.2 (a bind that fails means someone else holds the port).
  std::random_device random;
  const uint16_t low = uint16_t(20000 + random() % 10000);
  std::vector<int> holders;
  for (uint16_t port = low; port < low + 7; ++port) {
    sockaddr_in taken = plan.sources[0];
    taken.sin_port = htons(port);
    holders.push_back(socket(AF_INET, SOCK_STREAM, 0));
    bind(holders.back(), reinterpret_cast<const sockaddr*>(&taken), sizeof taken);
  }
  plan.source_ports = {low, uint16_t(low + 7)};
  plan.timeout = std::chrono::seconds(30);  // a connect waiting for it would outlast the test's budget
  const stats::RunResult r = run_plan(plan);
  for (int fd : holders) close(fd);
  EXPECT_EQ(r.totals.counters.connect_failures, 0u) << r.totals.counters.first_error[size_t(ErrorClass::connect)];
  EXPECT_EQ(r.totals.counters.connections, 12u);
  EXPECT_EQ(r.totals.counters.responses, 36u);
  EXPECT_EQ(r.totals.counters.error_total(), 0u);
  EXPECT_GE(server.peer_addresses().size(), 2u);
  EXPECT_LT(r.open_s, 10.0);  // generous: opening 12 loopback connections takes milliseconds
}

TEST(EngineMisbehaving, PlansSourcesForIpv4LoopbackOnlyAndMoreAddressesForMoreConnections) {
  Config c = config_for(8080, 10, 100, 0);  // threads as -c needs them
  const engine::Plan small = engine::make_plan(c);
  c.concurrency = 100000;
  const engine::Plan large = engine::make_plan(c);
  EXPECT_GE(small.sources.size(), 1u);
  EXPECT_GT(large.sources.size(), small.sources.size());
  // Each address is given at most a quarter of its ports.
  EXPECT_GE(uint64_t(large.sources.size()) * large.source_ports.size() / 4, 100000u);
  c.url = "http://[::1]:8080/";
  c.concurrency = 100;
  EXPECT_TRUE(engine::make_plan(c).sources.empty());  // IPv4 loopback only
}

TEST(EngineMisbehaving, BytesPastTheDeclaredLengthAreAProtocolError) {
  ScriptedServer server(Behaviour::body_longer_than_length);
  const stats::RunResult r = run_engine(config_for(server.port(), 12, 2));
  EXPECT_EQ(errors_of(r, ErrorClass::protocol), 12u);
  EXPECT_EQ(r.totals.counters.responses, 0u);
  EXPECT_EQ(r.requests(), 12u);
}
