#include "ringbench/core/duration.h"

#include <gtest/gtest.h>

#include "ringbench/core/error.h"

using namespace ringbench;
using namespace std::chrono_literals;

TEST(Duration, ParsesEveryUnit) {
  EXPECT_EQ(parse_duration("250ms", "-z"), 250ms);
  EXPECT_EQ(parse_duration("10s", "-z"), 10s);
  EXPECT_EQ(parse_duration("2m", "-z"), 2min);
  EXPECT_EQ(parse_duration("1h", "-z"), 1h);
  EXPECT_EQ(parse_duration("500us", "-z"), 500us);
  EXPECT_EQ(parse_duration("1.5s", "-z"), 1500ms);
  EXPECT_EQ(parse_duration("3", "-z"), 3s);  // bare number = seconds
  EXPECT_EQ(parse_duration("10 s", "-z"), 10s);  // as --threshold always took "20 ms"
  EXPECT_EQ(parse_duration("7ns", "-z"), 7ns);
  EXPECT_EQ(parse_duration("2µs", "-z"), 2us);
}

TEST(Duration, CompoundFormsGoFromTheLargestUnitDown) {
  EXPECT_EQ(parse_duration("1m30s", "-z"), 90s);
  EXPECT_EQ(parse_duration("1h2m3s", "-z"), 3723s);
  EXPECT_EQ(parse_duration("1h 2m 3.5s", "-z"), 3723500ms);
  EXPECT_EQ(parse_duration("1s500ms", "-z"), 1500ms);
  EXPECT_EQ(parse_duration("2m5ms", "-z"), 120005ms);  // "m" then "ms", not "m" "m" "s"
  EXPECT_EQ(parse_duration("1ms250us", "-z"), 1250us);
  for (const char* bad : {"30s1m", "1s1s", "1m30", "1us2µs", "1m+30s", "1m,30s", "1m30x"}) {
    EXPECT_THROW(parse_duration(bad, "-z"), Error) << bad;
  }
}

TEST(Duration, ALatencyNeedsAUnitAndMayBeZero) {
  EXPECT_EQ(read_duration_ns("20", BareNumber::seconds), 20e9);
  EXPECT_EQ(read_duration_ns("20", BareNumber::refused), std::nullopt);
  EXPECT_EQ(read_duration_ns("1m30s", BareNumber::refused), 90e9);
  EXPECT_EQ(read_duration_ns(" 20 ms ", BareNumber::refused), 20e6);
  EXPECT_EQ(read_duration_ns("0ms", BareNumber::refused), 0.0);
  EXPECT_EQ(read_duration_ns("1.5ns", BareNumber::refused), 1.5);
  EXPECT_EQ(read_duration_ns("20 ms x", BareNumber::refused), std::nullopt);
  EXPECT_EQ(read_duration_ns("1e3ms", BareNumber::refused), std::nullopt);
  EXPECT_EQ(read_duration_ns("1000000h", BareNumber::refused), std::nullopt);  // over 1e18 ns
}

TEST(Duration, RejectsMalformedAsUsageError) {
  for (const char* bad : {"", "s", "10x", "-1s", "+1s", "0s", "0.1ns", "1e3s", "abc", "nan", "inf", "1.2.3s", ".5s", "5.s", "1 0s"}) {
    try {
      parse_duration(bad, "--duration");
      ADD_FAILURE() << "accepted '" << bad << "'";
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), ExitCode::usage);
      EXPECT_NE(std::string(e.what()).find("--duration"), std::string::npos);
    }
  }
}

TEST(Duration, FormatsReadably) {
  EXPECT_EQ(format_duration(1500ms), "1.5s");
  EXPECT_EQ(format_duration(250ms), "250ms");
  EXPECT_EQ(format_duration(12us), "12us");
  // Exact, so the text reads back as the same duration (the fuzzer found "577.8" printed as "578s").
  EXPECT_EQ(format_duration(577800ms), "577.8s");
  EXPECT_EQ(format_duration(std::chrono::nanoseconds(1'500'000'001)), "1500000.001us");
  EXPECT_EQ(format_duration(std::chrono::nanoseconds(7)), "7ns");
}

// Found by the fuzzer: a bare number of seconds skipped the 1e18 ns bound (5e35 ns reached a
// conversion to int64, undefined behaviour); now it is refused like any too-long duration.
TEST(Duration, AHugeBareNumberIsRefused) {
  EXPECT_THROW(parse_duration("500000000000000000000000000000000000", "-z"), Error);
  EXPECT_EQ(read_duration_ns("500000000000000000000000000000000000", BareNumber::seconds), std::nullopt);
}
