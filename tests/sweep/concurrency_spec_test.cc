#include "ringbench/sweep/concurrency_spec.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "sweep_fixture.h"

namespace ringbench::sweep {
namespace {

using Levels = std::vector<uint32_t>;
using test::usage_error_of;

// auto is the adaptive search (knee_search.h): no level is fixed in advance.
TEST(ConcurrencySpec, AutoHasNoFixedLevels) { EXPECT_TRUE(parse_concurrency_spec("auto").empty()); }

TEST(ConcurrencySpec, ListIsSortedAndDeduplicated) {
  EXPECT_EQ(parse_concurrency_spec("100,10,46,10"), (Levels{10, 46, 100}));
  EXPECT_EQ(parse_concurrency_spec("50"), (Levels{50}));
  // An explicit list is taken as given, even at or below the baseline.
  EXPECT_EQ(parse_concurrency_spec("1,2,4"), (Levels{1, 2, 4}));
  EXPECT_EQ(parse_concurrency_spec("1000000"), (Levels{1'000'000}));
}

TEST(ConcurrencySpec, LogRangeIsRoundedAndDeduplicated) {
  EXPECT_EQ(parse_concurrency_spec("10..1000:log=3"), (Levels{10, 100, 1000}));
  EXPECT_EQ(parse_concurrency_spec("10..1000:log=7"), (Levels{10, 22, 46, 100, 215, 464, 1000}));
  // 8 log-spaced values in 1..4 round to 1,1,1,2,2,3,3,4: fewer than N remain.
  EXPECT_EQ(parse_concurrency_spec("1..4:log=8"), (Levels{1, 2, 3, 4}));
  EXPECT_EQ(parse_concurrency_spec("5..5:log=3"), (Levels{5}));
}

TEST(ConcurrencySpec, StepRangeIncludesHiOnlyWhenAStepLandsOnIt) {
  EXPECT_EQ(parse_concurrency_spec("10..50:step=10"), (Levels{10, 20, 30, 40, 50}));
  EXPECT_EQ(parse_concurrency_spec("10..45:step=10"), (Levels{10, 20, 30, 40}));
  EXPECT_EQ(parse_concurrency_spec("7..7:step=3"), (Levels{7}));
  EXPECT_EQ(parse_concurrency_spec("1..100:step=1").size(), 100u);
}

TEST(ConcurrencySpec, EveryMalformedSpecIsAOneLineUsageErrorNamingConc) {
  const std::vector<std::string> bad = {
      "",          "0",          "10,0",         "10,,20",          "10,",
      ",10",       "abc",        "10x",          " 10",             "10 ",
      "-5",        "+5",         "1e3",          "2.5",             "AUTO",
      "auto,10",   "20..10:log=3", "10..100",    "10..100:",        "10..100:log=1",
      "10..100:log=", "10..100:log=3x", "10..100:step=0", "10..100:lin=3", "..100:log=3",
      "10..:log=3", "0..10:step=1", "10...100:log=3", "10..20..30:log=2", "1000001",
      "10..2000000:log=3", "99999999999999999999999", "1..1000:step=1", "10..100:log=101",
      "1..1000:step=-1"};
  for (const std::string& spec : bad) {
    const std::string message = usage_error_of([&] { parse_concurrency_spec(spec); });
    EXPECT_EQ(message.rfind("--conc", 0), 0u) << "spec '" << spec << "': " << message;
    EXPECT_EQ(message.find('\n'), std::string::npos) << message;
  }
}

TEST(ConcurrencySpec, MessagesSayWhatIsWrong) {
  EXPECT_NE(usage_error_of([] { parse_concurrency_spec("20..10:log=3"); }).find("LO is above HI"),
            std::string::npos);
  EXPECT_NE(usage_error_of([] { parse_concurrency_spec("10..100"); }).find(":log=N or :step=S"),
            std::string::npos);
  EXPECT_NE(usage_error_of([] { parse_concurrency_spec("2000000"); }).find("limit 1,000,000"),
            std::string::npos);
  EXPECT_NE(usage_error_of([] { parse_concurrency_spec("1..1000:step=1"); }).find("1000 levels"),
            std::string::npos);
  EXPECT_NE(usage_error_of([] { parse_concurrency_spec("10,0"); }).find("at least 1"),
            std::string::npos);
}

TEST(RefineLevels, FourLogSpacedLevelsAroundTheWinnerMinusMeasured) {
  // [23, 69] on a log scale: 23, 33.2, 47.8, 69.
  EXPECT_EQ(refine_levels(46, {10, 22, 46, 100}), (Levels{23, 33, 48, 69}));
  EXPECT_EQ(refine_levels(46, {10, 22, 33, 46, 100}), (Levels{23, 48, 69}));
  EXPECT_EQ(refine_levels(10, {}), (Levels{5, 7, 10, 15}));
  EXPECT_EQ(refine_levels(10, {10}), (Levels{5, 7, 15}));
}

TEST(RefineLevels, SmallAndHugeWinnersStayInRange) {
  EXPECT_EQ(refine_levels(1, {1}), (Levels{2}));   // [0.5, 1.5] rounds to [1, 2]
  EXPECT_EQ(refine_levels(1, {1, 2}), (Levels{}));
  for (uint32_t c : refine_levels(max_level_connections, {})) {
    EXPECT_GE(c, max_level_connections / 2);
    EXPECT_LE(c, max_level_connections);
  }
}

}  // namespace
}  // namespace ringbench::sweep
