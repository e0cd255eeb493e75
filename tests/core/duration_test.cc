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
}

TEST(Duration, RejectsMalformedAsUsageError) {
  for (const char* bad : {"", "s", "10x", "-1s", "0s", "1e3s", "abc", "10 s", "nan", "1.2.3s"}) {
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
}
