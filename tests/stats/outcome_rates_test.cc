#include "ringbench/stats/outcome_rates.h"

#include <gtest/gtest.h>

namespace ringbench::stats {
namespace {

Counters with_statuses(std::initializer_list<std::pair<int, uint64_t>> codes) {
  Counters c;
  for (auto [code, n] : codes) {
    for (uint64_t i = 0; i < n; ++i) c.count_status(code);
    c.responses += n;
  }
  return c;
}

TEST(OutcomeRates, EveryRateIsOverAllRequests) {
  Counters c = with_statuses({{200, 60}, {301, 10}, {404, 10}, {503, 10}});
  for (int i = 0; i < 10; ++i) c.count_error(ErrorClass::timeout, "t");
  const OutcomeCounts o = outcome_counts_of(c);
  EXPECT_EQ(o.requests, 100u);
  EXPECT_EQ(o.non2xx, 30u);
  EXPECT_EQ(o.redirects, 10u);
  EXPECT_EQ(o.failed(), 30u);  // 10 errors + 404s + 503s, not the 301s
  EXPECT_DOUBLE_EQ(o.error_rate(), 0.10);
  EXPECT_DOUBLE_EQ(o.non2xx_rate(), 0.30);
  EXPECT_DOUBLE_EQ(o.failed_rate(), 0.30);
}

TEST(OutcomeRates, RedirectsAreNotFailures) {
  const OutcomeCounts o = outcome_counts_of(with_statuses({{200, 1}, {302, 3}}));
  EXPECT_DOUBLE_EQ(o.non2xx_rate(), 0.75);
  EXPECT_DOUBLE_EQ(o.failed_rate(), 0.0);
}

TEST(OutcomeRates, NoRequestsMeansZeroRatesNotNaN) {
  const OutcomeCounts o = outcome_counts_of(Counters{});
  EXPECT_EQ(o.requests, 0u);
  EXPECT_EQ(o.error_rate(), 0.0);
  EXPECT_EQ(o.failed_rate(), 0.0);
}

TEST(OutcomeRates, OnlyErrorsGiveAFullErrorRate) {
  Counters c;
  for (int i = 0; i < 4; ++i) c.count_error(ErrorClass::connect, "c");
  const OutcomeCounts o = outcome_counts_of(c);
  EXPECT_DOUBLE_EQ(o.error_rate(), 1.0);
  EXPECT_DOUBLE_EQ(o.failed_rate(), 1.0);
  EXPECT_EQ(o.non2xx_rate(), 0.0);
}

}  // namespace
}  // namespace ringbench::stats
