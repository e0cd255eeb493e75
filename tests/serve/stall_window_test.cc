// StallWindow with injected times: which arrivals are held and until when, and the one start
// time that every worker's window is measured from.
#include "stall_window.h"

#include <gtest/gtest.h>

#include <atomic>
#include <cstdint>

namespace ringbench::serve {
namespace {


// --stall 100ns:50ns, the first request at 1000: the window is [1100, 1150).
constexpr Stall short_stall{.after = Nanos(100), .length = Nanos(50)};

TEST(StallWindow, NoStallHoldsNothingAndNeedsNoClock) {
  std::atomic<uint64_t> first{0};
  StallWindow w(Stall{}, &first);
  EXPECT_FALSE(w.pending());
  EXPECT_EQ(w.hold_until(1000), 0u);
  EXPECT_EQ(first.load(), 0u);  // a server without --stall never touches the shared time
}

TEST(StallWindow, ArrivalsInsideTheWindowWaitForItsEnd) {
  std::atomic<uint64_t> first{0};
  StallWindow w(short_stall, &first);
  EXPECT_TRUE(w.pending());
  EXPECT_EQ(w.hold_until(1000), 0u);  // the first request starts the clock and is not held
  EXPECT_EQ(first.load(), 1000u);
  EXPECT_EQ(w.hold_until(1099), 0u);  // before the window
  EXPECT_EQ(w.hold_until(1100), 1150u);
  EXPECT_EQ(w.hold_until(1149), 1150u);
  EXPECT_TRUE(w.pending());
  EXPECT_EQ(w.hold_until(1150), 0u);  // the window is half-open: its end is outside
  EXPECT_FALSE(w.pending());          // one window only: no more clock reads needed
  EXPECT_EQ(w.hold_until(1120), 0u);  // nothing is held once the window is known to be over
}

TEST(StallWindow, AfterZeroHoldsTheFirstRequestItself) {
  std::atomic<uint64_t> first{0};
  StallWindow w({.after = Nanos(0), .length = Nanos(50)}, &first);
  EXPECT_EQ(w.hold_until(1000), 1050u);
}

// Two workers, one server: the second times the window from the first worker's request,
// not from the first request it sees itself.
TEST(StallWindow, WorkersShareTheFirstRequestsTime) {
  std::atomic<uint64_t> first{0};
  StallWindow a(short_stall, &first);
  StallWindow b(short_stall, &first);
  EXPECT_EQ(a.hold_until(1000), 0u);
  EXPECT_EQ(b.hold_until(1120), 1150u);  // its own first request, but inside the shared window
  EXPECT_EQ(first.load(), 1000u);
  EXPECT_EQ(a.hold_until(1130), 1150u);
}

// A worker whose clock read came before the first request's (a race between threads) is
// simply before the window.
TEST(StallWindow, AnArrivalBeforeTheSharedStartIsNotHeld) {
  std::atomic<uint64_t> first{0};
  StallWindow a(short_stall, &first);
  StallWindow b(short_stall, &first);
  EXPECT_EQ(a.hold_until(1000), 0u);
  EXPECT_EQ(b.hold_until(990), 0u);
  EXPECT_EQ(b.hold_until(1100), 1150u);
}

}  // namespace
}  // namespace ringbench::serve
