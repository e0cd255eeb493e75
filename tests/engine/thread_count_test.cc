// How many workers a run gets when one ring's direct-descriptor table is capped by the
// open-file hard limit (thread_count.h).
#include <gtest/gtest.h>

#include "ringbench/core/error.h"
#include "thread_count.h"

namespace ringbench::engine {
namespace {

TEST(ThreadCount, OnePerCpuWhileTheConnectionsFitTheirRings) {
  const ThreadChoice c = choose_threads(40000, 0, 2, 20000);
  EXPECT_EQ(c.threads, 2u);
  EXPECT_TRUE(c.warning.empty());
}

TEST(ThreadCount, MoreRingsThanCpusWhenTheConnectionsNeedThem) {
  const ThreadChoice c = choose_threads(100000, 0, 2, 20000);
  EXPECT_EQ(c.threads, 5u);
  EXPECT_NE(c.warning.find("needs 5 threads"), std::string::npos) << c.warning;
  EXPECT_NE(c.warning.find("20000"), std::string::npos) << c.warning;
  EXPECT_EQ(choose_threads(100001, 0, 2, 20000).threads, 6u);
}

TEST(ThreadCount, AnExplicitThreadCountIsKeptOrRefusedWhenTooFew) {
  EXPECT_EQ(choose_threads(100000, 8, 2, 20000).threads, 8u);
  EXPECT_EQ(choose_threads(100000, 5, 2, 20000).threads, 5u);
  try {
    choose_threads(100000, 4, 2, 20000);
    FAIL() << "--threads 4 for -c 100000 was accepted";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ExitCode::usage);
    EXPECT_NE(std::string(e.what()).find("--threads 5 or more"), std::string::npos) << e.what();
  }
}

TEST(ThreadCount, ARingHoldsTheHardLimitUpToTheKernelsCap) {
  EXPECT_EQ(connections_per_ring(20000), 20000u);
  EXPECT_EQ(connections_per_ring(0), uint64_t(1) << 20);         // unlimited
  EXPECT_EQ(connections_per_ring(uint64_t(1) << 30), uint64_t(1) << 20);
}

}  // namespace
}  // namespace ringbench::engine
