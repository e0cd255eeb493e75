#include "extra_delay.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

namespace ringbench::serve {
namespace {

TEST(ExtraDelay, ZeroMeanAddsNothing) {
  ExtraDelay none(0);
  for (int i = 0; i < 100; ++i) EXPECT_EQ(none.next_ns(), 0u);
}

// 100,000 draws of an exponential with mean 1 ms: the sample mean is within 2 % (its standard
// error is 0.3 %), the median near ln 2 ms, and no draw passes the cap.
TEST(ExtraDelay, DrawsAreExponentialWithTheMeanAndCapped) {
  constexpr uint64_t mean = 1'000'000;
  ExtraDelay jitter(mean);
  std::vector<uint64_t> draws(100'000);
  double sum = 0;
  for (auto& d : draws) sum += double(d = jitter.next_ns());
  EXPECT_NEAR(sum / double(draws.size()), double(mean), 0.02 * mean);
  std::nth_element(draws.begin(), draws.begin() + 50'000, draws.end());
  EXPECT_NEAR(double(draws[50'000]), 0.6931 * mean, 0.03 * mean);
  EXPECT_LE(*std::max_element(draws.begin(), draws.end()), uint64_t(ExtraDelay::cap_in_means * mean));
}

}  // namespace
}  // namespace ringbench::serve
