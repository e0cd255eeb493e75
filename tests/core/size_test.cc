#include "ringbench/core/size.h"

#include <gtest/gtest.h>

#include "ringbench/core/error.h"

using namespace ringbench;

TEST(Size, ParsesBinaryMultiples) {
  EXPECT_EQ(parse_size("512", "--body-size"), 512u);
  EXPECT_EQ(parse_size("4k", "--body-size"), 4096u);
  EXPECT_EQ(parse_size("64KiB", "--body-size"), 65536u);
  EXPECT_EQ(parse_size("1m", "--body-size"), 1u << 20);
  EXPECT_EQ(parse_size("2KB", "--body-size"), 2048u);
  EXPECT_EQ(parse_size("0", "--body-size"), 0u);
}

TEST(Size, RejectsMalformed) {
  for (const char* bad : {"", "k", "-1", "4x", "1.5k", "99999999999999999999"}) {
    EXPECT_THROW(parse_size(bad, "--body-size"), Error) << bad;
  }
}
