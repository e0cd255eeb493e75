// --stages grammar and the scaled numbers of --rate: what is accepted reads back the same from
// its printed form, and anything else is one clear usage error.
#include "ringbench/core/stages.h"

#include <gtest/gtest.h>

#include "ringbench/core/error.h"

namespace ringbench {
namespace {

using namespace std::chrono_literals;

TEST(ScaledNumber, AcceptsPlainDecimalsWithKOrM) {
  EXPECT_EQ(read_scaled_number("2000"), 2000.0);
  EXPECT_EQ(read_scaled_number("50k"), 50000.0);
  EXPECT_EQ(read_scaled_number("1.5M"), 1'500'000.0);
  EXPECT_EQ(read_scaled_number("0"), 0.0);
  for (const char* bad : {"", "k", "-5", "1e3", "5K", "5kk", "inf", "nan", ".5", "5.", "1,5", "2 k", "9999999999M"}) {
    EXPECT_FALSE(read_scaled_number(bad)) << bad;
  }
}

TEST(Stages, ParseDurationsAndTargets) {
  const std::vector<Stage> stages = parse_stages("10s:1000,30s:5k,500ms:0", "--stages");
  ASSERT_EQ(stages.size(), 3u);
  EXPECT_EQ(stages[0], (Stage{10s, 1000}));
  EXPECT_EQ(stages[1], (Stage{30s, 5000}));
  EXPECT_EQ(stages[2], (Stage{500ms, 0}));
  EXPECT_EQ(stages_duration(stages), 40500ms);
  EXPECT_EQ(parse_stages("2:10", "--stages")[0].duration, 2s);  // a bare number is seconds
}

TEST(Stages, TheMeanLevelIsTheRampsIntegralOverTheirDuration) {
  EXPECT_DOUBLE_EQ(stages_mean_level(0, {{10s, 1000}, {10s, 1000}}), 750);  // (5000 + 10000) / 20
  EXPECT_DOUBLE_EQ(stages_mean_level(400, {{1s, 0}}), 200);
  EXPECT_DOUBLE_EQ(stages_mean_level(300, {}), 300);
}

TEST(Stages, PrintedFormReadsBackTheSame) {
  for (const char* text : {"10s:1000,30s:5000,10s:0", "1m30s:2.5,250ms:1500000", "1500us:7"}) {
    const std::vector<Stage> stages = parse_stages(text, "--stages");
    EXPECT_EQ(parse_stages(format_stages(stages), "--stages"), stages) << text << " -> " << format_stages(stages);
  }
  EXPECT_EQ(format_stages(parse_stages("90s:1000", "--stages")), "90s:1000");
}

TEST(Stages, MalformedListsAreUsageErrorsThatNameTheFlag) {
  for (const char* bad : {"", "10s", "10s:", ":100", "0s:100", "10s:-1", "10s:100,", "10x:100", "10s:1e3"}) {
    try {
      parse_stages(bad, "--stages");
      ADD_FAILURE() << "accepted: " << bad;
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), ExitCode::usage) << bad;
      EXPECT_NE(std::string(e.what()).find("--stages"), std::string::npos) << e.what();
    }
  }
}

}  // namespace
}  // namespace ringbench

// Found by the fuzzer: stages whose durations add up beyond any run (an int64 of ns overflows).
TEST(Stages, StagesLongerThanAnyRunAreRefused) {
  EXPECT_THROW(parse_stages("300000000s:1,300000000s:1,300000000s:1,300000000s:1", "--stages"), Error);
  EXPECT_THROW(parse_stages("500000000000000000000000000000000000:5", "--stages"), Error);
}
