#include "ringbench/core/start_time.h"

#include <gtest/gtest.h>

#include "ringbench/core/error.h"

namespace ringbench {
namespace {

using namespace std::chrono;

// 2026-11-30T21:00:00Z, a fixed "now" so the tests do not depend on the clock.
const WallTime now = sys_days{year{2026} / 11 / 30} + hours{21};

TEST(StartAt, ReadsUtcTimes) {
  EXPECT_EQ(parse_start_at("2026-11-30T21:00:30Z", now), now + seconds{30});
  EXPECT_EQ(parse_start_at("2026-11-30t21:00:30z", now), now + seconds{30});  // RFC 3339 §5.6 note
  EXPECT_EQ(parse_start_at("2026-12-01T00:00:00Z", now), now + hours{3});
}

TEST(StartAt, ReadsFractionsToTheNanosecond) {
  EXPECT_EQ(parse_start_at("2026-11-30T21:00:01.25Z", now), now + milliseconds{1250});
  EXPECT_EQ(parse_start_at("2026-11-30T21:00:01.000000001Z", now), now + seconds{1} + nanoseconds{1});
  // Beyond the nanosecond the digits are dropped, not refused.
  EXPECT_EQ(parse_start_at("2026-11-30T21:00:01.0000000019Z", now), now + seconds{1} + nanoseconds{1});
}

TEST(StartAt, AppliesOffsets) {
  EXPECT_EQ(parse_start_at("2026-11-30T22:00:10+01:00", now), now + seconds{10});
  EXPECT_EQ(parse_start_at("2026-11-30T15:30:10-05:30", now), now + seconds{10});
}

TEST(StartAt, ReadsADurationFromNow) {
  EXPECT_EQ(parse_start_at("+30s", now), now + seconds{30});
  EXPECT_EQ(parse_start_at("+1m30s", now), now + seconds{90});
  EXPECT_EQ(parse_start_at("+250ms", now), now + milliseconds{250});
}

TEST(StartAt, RefusesThePastAndTheFarFuture) {
  EXPECT_THROW(parse_start_at("2026-11-30T21:00:00Z", now), Error);  // now is not ahead
  EXPECT_THROW(parse_start_at("2026-11-30T20:59:59.999Z", now), Error);
  EXPECT_THROW(parse_start_at("2027-11-30T21:00:00Z", now), Error);  // a typo in the year
  EXPECT_THROW(parse_start_at("+25h", now), Error);
  EXPECT_NO_THROW(parse_start_at("+24h", now));
}

TEST(StartAt, RefusesMalformedText) {
  for (const char* bad : {"", "+", "+0s", "+-3s", "tomorrow", "2026-11-30", "2026-11-30T21:00:30",
                          "2026-11-30 21:00:30Z", "2026-11-30T21:00:30+0100", "2026-11-30T21:00:30.Z",
                          "2026-13-01T00:00:00Z", "2026-02-29T00:00:00Z", "2026-11-30T24:00:00Z",
                          "2026-11-30T21:60:00Z", "2026-11-30T21:00:60Z", "2026-11-30T21:00:30Zjunk",
                          "2026-11-30T21:00:30+25:00", "20a6-11-30T21:00:30Z"}) {
    EXPECT_THROW(parse_start_at(bad, now), Error) << bad;
  }
}

TEST(StartAt, TheErrorSaysWhatWasWrong) {
  try {
    parse_start_at("2026-11-30T20:00:00Z", now);
    FAIL() << "a start in the past was accepted";
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), "--start-at: '2026-11-30T20:00:00Z' is in the past");
  }
}

}  // namespace
}  // namespace ringbench
