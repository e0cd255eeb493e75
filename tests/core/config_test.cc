#include "ringbench/core/config.h"

#include <gtest/gtest.h>

namespace ringbench {
namespace {

TEST(IsHttpsUrl, TheSchemeDecidesWhateverItsCase) {
  EXPECT_TRUE(is_https_url("https://127.0.0.1:8443/"));
  EXPECT_TRUE(is_https_url("HTTPS://localhost/"));
  EXPECT_FALSE(is_https_url("http://127.0.0.1/"));
  EXPECT_FALSE(is_https_url("https:/"));  // too short to be the scheme
  EXPECT_FALSE(is_https_url("xhttps://a/"));
  EXPECT_FALSE(is_https_url(""));
}

}  // namespace
}  // namespace ringbench
