#include "ringbench/sweep/knee_search.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <vector>

namespace ringbench::sweep {
namespace {

// A server of K slots of D seconds plus a fixed overhead o per request outside the slots (the
// round trip, the client): closed-loop throughput min(c / (D + o), K / D), so power = X² / c
// peaks at c* = K (1 + o / D).
struct ModelServer {
  double k, d = 0.010, o = 0.0003;
  double throughput(uint32_t c) const { return std::min(c / (d + o), k / d); }
  double power(uint32_t c) const { return throughput(c) * throughput(c) / c; }
  double knee() const { return k * (1 + o / d); }
};

struct Outcome {
  uint32_t best;
  std::vector<uint32_t> levels;
  std::string reason;
};

Outcome search(const std::function<double(uint32_t)>& power, SearchLimits limits = {}) {
  KneeSearch s(limits);
  Outcome out;
  while (std::optional<uint32_t> c = s.next()) {
    EXPECT_EQ(std::count(out.levels.begin(), out.levels.end(), *c), 0) << "c=" << *c << " twice";
    out.levels.push_back(*c);
    s.record(*c, power(*c));
    if (out.levels.size() > 100) break;
  }
  out.best = s.best();
  out.reason = s.stop_reason();
  return out;
}

std::string listed(const std::vector<uint32_t>& levels) {
  std::string text;
  for (uint32_t c : levels) text += std::to_string(c) + " ";
  return text;
}

// The range: knees from 2 to 5000, each found within 10 % and within the budget.
TEST(KneeSearch, FindsKneesFrom2To5000) {
  for (double k : {2.0, 3.0, 5.0, 8.0, 13.0, 32.0, 100.0, 128.0, 1000.0, 5000.0}) {
    for (double d : {0.002, 0.010}) {
      const ModelServer server{k, d};
      const Outcome r = search([&server](uint32_t c) { return server.power(c); });
      EXPECT_NEAR(r.best, server.knee(), std::max(1.0, 0.10 * server.knee()))
          << "K=" << k << " D=" << d << ": " << listed(r.levels) << "(" << r.reason << ")";
      EXPECT_LE(r.levels.size(), SearchLimits{}.budget) << listed(r.levels);
    }
  }
}

TEST(KneeSearch, StartsAtTheStartAndDoublesWhileThroughputKeepsUp) {
  const ModelServer server{64};
  KneeSearch s({.start = 1});
  std::vector<uint32_t> grown;
  for (int i = 0; i < 8; ++i) {
    const uint32_t c = *s.next();
    grown.push_back(c);
    s.record(c, server.power(c));
  }
  EXPECT_EQ(grown, (std::vector<uint32_t>{1, 2, 4, 8, 16, 32, 64, 128}));
  EXPECT_EQ(s.grown_to(), 0u);  // not yet: 128 only just showed the fall
  s.next();
  EXPECT_EQ(s.grown_to(), 128u);
}

// A level that fails outright (no answers) ends the growth: more connections will not help.
TEST(KneeSearch, AFailedLevelEndsTheGrowth) {
  const Outcome r = search([](uint32_t c) { return c >= 16 ? 0.0 : double(c); });
  EXPECT_EQ(r.best, 15u);  // narrowed between 8 and the failed 16
  EXPECT_LT(*std::max_element(r.levels.begin(), r.levels.end()), 17u) << listed(r.levels);
}

TEST(KneeSearch, StopsAtTheBudget) {
  const ModelServer server{1000};
  const Outcome r = search([&server](uint32_t c) { return server.power(c); }, {.budget = 5});
  EXPECT_EQ(r.levels, (std::vector<uint32_t>{1, 2, 4, 8, 16}));
  EXPECT_EQ(r.reason, "level budget reached");
}

TEST(KneeSearch, GrowthStopsAtTheMaximumLevel) {
  const Outcome r = search([](uint32_t c) { return double(c); }, {.max_level = 100});
  EXPECT_EQ(r.best, 100u);
  EXPECT_EQ(*std::max_element(r.levels.begin(), r.levels.end()), 100u);
}

// Noise of ±5 % on every level (a fixed pattern, so the test is deterministic) still lands
// within 25 % of the knee.
TEST(KneeSearch, ToleratesNoisyLevels) {
  for (double k : {4.0, 16.0, 64.0, 256.0}) {
    const ModelServer server{k};
    const Outcome r = search([&server](uint32_t c) { return server.power(c) * (1 + 0.05 * std::sin(c * 7.3)); });
    EXPECT_NEAR(r.best, server.knee(), 0.25 * server.knee()) << "K=" << k << ": " << listed(r.levels);
  }
}

}  // namespace
}  // namespace ringbench::sweep
