// serve --capacity K --sharing over real sockets: requests beyond K share the servers (every
// one slows down) instead of queueing behind each other.
#include <gtest/gtest.h>

#include <chrono>

#include "loopback_client.h"
#include "ringbench/core/error.h"
#include "running_server.h"

namespace ringbench::serve::testing {
namespace {

using namespace std::chrono_literals;

// Three requests in one write on one server of 30 ms. FIFO answers the first at 30 ms;
// sharing runs all three at a third of the speed, so even the first is done only at 90 ms.
// Only lower bounds: a loaded machine makes answers later, never earlier.
TEST(ServerSharing, EveryRequestSlowsDownWhenMoreThanKAreInService) {
  for (const bool sharing : {false, true}) {
    RunningServer s({.delay = 30ms, .capacity = 1, .sharing = sharing});
    LoopbackClient c(s.port());
    const auto start = std::chrono::steady_clock::now();
    c.send(get_request() + get_request() + get_request());
    EXPECT_EQ(c.read_response().status, 200);
    const auto first = std::chrono::steady_clock::now() - start;
    EXPECT_EQ(c.read_response().status, 200);
    EXPECT_EQ(c.read_response().status, 200);
    const auto last = std::chrono::steady_clock::now() - start;
    EXPECT_GE(last, 90ms) << "sharing " << sharing;
    if (sharing) {
      EXPECT_GE(first, 89ms);  // FIFO: 30 ms (not asserted: a late timer may delay it)
    }
    EXPECT_EQ(s.server().requests_served(), 3u);
  }
}

// Up to K in service, sharing changes nothing: each is answered after its delay.
TEST(ServerSharing, UpToKRequestsEachTakeTheirDelay) {
  RunningServer s({.delay = 20ms, .capacity = 2, .sharing = true});
  LoopbackClient a(s.port()), b(s.port());
  const auto start = std::chrono::steady_clock::now();
  a.send(get_request());
  b.send(get_request());
  EXPECT_EQ(a.read_response().status, 200);
  EXPECT_EQ(b.read_response().status, 200);
  EXPECT_GE(std::chrono::steady_clock::now() - start, 20ms);
  // And a connection closed while its request is in service does not stop the others.
  {
    LoopbackClient gone(s.port());
    gone.send(get_request());
  }
  a.send(get_request());
  EXPECT_EQ(a.read_response().status, 200);
}

TEST(ServerSharing, NeedsCapacityAndAFixedDelay) {
  EXPECT_THROW(Server({.delay = 20ms, .sharing = true}), Error);
  EXPECT_THROW(Server({.delay = 20ms, .jitter = 5ms, .capacity = 2, .sharing = true}), Error);
}

}  // namespace
}  // namespace ringbench::serve::testing
