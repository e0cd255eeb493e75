// Connection lifecycle: backoff after failed connects when the server goes away, the -n quota
// and reconnects, and the live counters a progress display reads.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <mutex>
#include <optional>
#include <vector>

#include "reconnect_backoff.h"
#include "ringbench/core/clock.h"
#include "run_helpers.h"

using namespace ringbench;
using namespace ringbench::testing;
using namespace std::chrono_literals;
using stats::ErrorClass;

namespace {

// `ringbench serve` in this process that the test can take away mid-run: stopping it closes
// its connections, and destroying it closes the listener, so reconnects are refused.
class VanishingServer {
 public:
  VanishingServer() : server_(std::in_place, serve::ServerOptions{}), port_(server_->port()) {
    thread_ = std::thread([this] {
      server_->run(stop_);
      server_.reset();
    });
  }
  ~VanishingServer() { vanish(); }
  void vanish() {
    stop_ = true;
    if (thread_.joinable()) thread_.join();
  }
  uint16_t port() const { return port_; }

 private:
  std::optional<serve::Server> server_;
  uint16_t port_;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

// Takes the server away once the run has had `after` responses.
class VanishAfter : public engine::RunObserver {
 public:
  VanishAfter(VanishingServer& server, uint64_t after) : server_(server), after_(after) {}
  void on_tick(const engine::LiveCounters& live) override {
    if (!gone_at_ns && live.responses.load() >= after_) {
      server_.vanish();
      gone_at_ns = monotonic_ns();
    }
  }
  uint64_t gone_at_ns = 0;

 private:
  VanishingServer& server_;
  uint64_t after_;
};

uint64_t errors_of(const stats::RunResult& r, ErrorClass c) { return r.totals.counters.errors[size_t(c)]; }

}  // namespace

TEST(ReconnectBackoff, DoublesFromOneMillisecondUpToOneSecondWithJitter) {
  engine::JitterSource jitter(42);
  uint64_t base = 1'000'000;
  for (uint32_t failures = 1; failures <= 40; ++failures) {
    for (int draw = 0; draw < 100; ++draw) {
      const uint64_t d = engine::backoff_delay_ns(failures, jitter.next());
      EXPECT_GE(d, base / 2) << failures;
      EXPECT_LE(d, base) << failures;
    }
    base = std::min<uint64_t>(base * 2, 1'000'000'000);
  }
  // Jitter: connections that failed together do not all retry at the same moment.
  std::vector<uint64_t> waits;
  for (int i = 0; i < 20; ++i) waits.push_back(engine::backoff_delay_ns(10, jitter.next()));
  std::sort(waits.begin(), waits.end());
  EXPECT_GT(std::unique(waits.begin(), waits.end()) - waits.begin(), 15);
}

TEST(ReconnectBackoff, ScheduleGivesTheEarliestFirst) {
  engine::RetrySchedule schedule(4);
  schedule.push(0, 300);
  schedule.push(1, 100);
  schedule.push(2, 200);
  std::vector<uint32_t> order;
  while (!schedule.empty()) order.push_back(schedule.pop());
  EXPECT_EQ(order, (std::vector<uint32_t>{1, 2, 0}));
}

// The storm: the server killed mid-run gave 454,207 connect errors in 3 s.
TEST(EngineReconnect, ServerGoneMidRunBacksOffAndTheRunEndsOnTime) {
  VanishingServer server;
  Config c = config_for(server.port(), 0, 8);
  c.requests.reset();
  c.duration = 3s;
  VanishAfter vanish(server, 500);
  const engine::Plan plan = engine::make_plan(c);
  const uint64_t t0 = monotonic_ns();
  const stats::RunResult r = engine::run(plan, std::atomic<bool>{false}, &vanish);
  const double wall = double(monotonic_ns() - t0) / 1e9;
  ASSERT_NE(vanish.gone_at_ns, 0u) << "the server never got 500 responses";
  EXPECT_GT(r.totals.counters.responses, 0u);
  // Per connection, after its first refusal the waits are at least 0.5, 1, 2, ... 256 ms, then
  // at least 500 ms each: in 3 s at most 10 + 3 / 0.5 + 1 = 17 tries. 8 connections: 136;
  // the bound allows more than twice that. Without backoff it was hundreds of thousands.
  EXPECT_LE(errors_of(r, ErrorClass::connect), 8u * 40) << r.totals.counters.first_error[0];
  EXPECT_GE(errors_of(r, ErrorClass::connect), 8u);
  EXPECT_GE(r.duration_s, 2.95);  // the run went on to its deadline ...
  EXPECT_LT(r.duration_s, 4.0);   // ... and no wait made it overrun (4 s: a loaded machine)
  EXPECT_LT(wall, 10.0);
  ASSERT_TRUE(r.connect_errors_from_s.has_value());
  EXPECT_GT(*r.connect_errors_from_s, 0.0);
  EXPECT_LT(*r.connect_errors_from_s, r.duration_s);
  const std::string& first = r.totals.counters.first_error[size_t(ErrorClass::connect)];
  EXPECT_NE(first.find("connect 127.0.0.1:" + std::to_string(server.port()) + ": Connection refused"),
            std::string::npos) << first;
}

// A -n run cannot wait for a server that never returns: each connection gives up after 2 s of
// failed reconnects, and the run ends with what it did (requests < -n; the report says why).
TEST(EngineReconnect, CountRunEndsWhenTheServerIsGoneForGood) {
  VanishingServer server;
  const uint64_t asked = 100'000'000;
  VanishAfter vanish(server, 500);
  const engine::Plan plan = engine::make_plan(config_for(server.port(), asked, 4));
  const uint64_t t0 = monotonic_ns();
  const stats::RunResult r = engine::run(plan, std::atomic<bool>{false}, &vanish);
  const double wall = double(monotonic_ns() - t0) / 1e9;
  ASSERT_NE(vanish.gone_at_ns, 0u);
  // Gone for good: 2 s of failures, then at most one more wait of up to 1 s. 15 s: a loaded machine.
  EXPECT_LT(double(monotonic_ns() - vanish.gone_at_ns) / 1e9, 15.0);
  EXPECT_LT(wall, 30.0);
  EXPECT_GT(r.totals.counters.responses, 0u);
  EXPECT_LT(r.requests(), asked);
  // At most ~14 tries per connection in the 2-3 s before giving up (see the -z test); 4 x 40.
  EXPECT_LE(errors_of(r, ErrorClass::connect), 4u * 40);
  EXPECT_GE(errors_of(r, ErrorClass::connect), 4u);
  EXPECT_TRUE(r.connect_errors_from_s.has_value());
}

// --disable-keepalive -n 100 -c 10: 100 connections, one per request, not one more (none is
// opened for a request that will never be sent), and every reconnect's connect is timed.
TEST(EngineReconnect, EveryConnectionOpenedCarriesARequest) {
  for (uint32_t threads : {1u, 2u}) {
    InProcessServer server;
    Config c = config_for(server.port(), 100, 10, threads);
    c.keepalive = false;
    const stats::RunResult r = run_engine(c);
    const stats::Counters& n = r.totals.counters;
    EXPECT_EQ(n.responses, 100u);
    EXPECT_EQ(n.error_total(), 0u);
    EXPECT_EQ(n.connections, 100u) << threads;
    EXPECT_EQ(n.reconnects, 90u) << threads;
    EXPECT_EQ(r.totals.phases.connect.count, n.reconnects) << threads;
    EXPECT_EQ(server.accepted(), 100u) << threads;
  }
}

// What the progress line shows as "in flight": on a keep-alive run every connection always has
// a request out, so every sample taken mid-run is the connection count.
TEST(EngineReconnect, LiveInFlightCountsEveryRequestOut) {
  class Sampler : public engine::RunObserver {
   public:
    void on_tick(const engine::LiveCounters& live) override {
      const uint64_t start = live.clock_start_ns.load();
      if (start == 0) return;
      const double t = double(monotonic_ns() - start) / 1e9;
      if (t > 0.3 && t < 1.2) samples.push_back(live.in_flight.load());  // clear of both ends
    }
    std::vector<int64_t> samples;
  } sampler;
  serve::ServerOptions slow;
  slow.delay = 2ms;  // requests spend most of their life in flight
  InProcessServer server(slow);
  Config c = config_for(server.port(), 0, 16);
  c.requests.reset();
  c.duration = 1500ms;
  const engine::Plan plan = engine::make_plan(c);
  const stats::RunResult r = engine::run(plan, std::atomic<bool>{false}, &sampler);
  ASSERT_GT(r.totals.counters.responses, 0u);
  ASSERT_FALSE(sampler.samples.empty());
  for (int64_t in_flight : sampler.samples) EXPECT_EQ(in_flight, 16);
}
