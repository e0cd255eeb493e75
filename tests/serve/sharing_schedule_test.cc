#include "sharing_schedule.h"

#include <gtest/gtest.h>

#include <vector>

namespace ringbench::serve {
namespace {

struct Finished {
  uint32_t slot;
  uint64_t at;
};

std::vector<Finished> finish_until(SharingSchedule& s, uint64_t now) {
  std::vector<Finished> done;
  s.finish_until(now, [&done](SharingSchedule::Job job, uint64_t at) { done.push_back({job.slot, at}); });
  return done;
}

TEST(SharingSchedule, UpToCapacityEachRequestTakesItsServiceTime) {
  SharingSchedule s(2, 100);
  s.admit(0, {1, 0});
  s.admit(0, {2, 0});
  EXPECT_EQ(s.next_finish_ns(), 101u);
  EXPECT_TRUE(finish_until(s, 99).empty());
  const auto done = finish_until(s, 100);
  ASSERT_EQ(done.size(), 2u);
  EXPECT_EQ(done[0].at, 100u);
  EXPECT_EQ(done[1].at, 100u);
  EXPECT_EQ(s.in_service(), 0u);
}

// Four requests on two servers: each runs at half speed, so all four finish together at 2×
// the service time (FIFO would finish two at 100 and two at 200).
TEST(SharingSchedule, BeyondCapacityEveryRequestSlowsDownByNOverK) {
  SharingSchedule s(2, 100);
  for (uint32_t i = 0; i < 4; ++i) s.admit(0, {i, 0});
  EXPECT_TRUE(finish_until(s, 199).empty());
  const auto done = finish_until(s, 200);
  ASSERT_EQ(done.size(), 4u);
  for (uint32_t i = 0; i < 4; ++i) {
    EXPECT_EQ(done[i].slot, i);  // arrival order
    EXPECT_EQ(done[i].at, 200u);
  }
}

// One server: A alone for 50 (half done), then A and B share it. A needs 50 more at half
// speed: done at 150; B, 50 done by then, finishes its other 50 alone: at 200.
TEST(SharingSchedule, ALaterArrivalSlowsDownTheOneInService) {
  SharingSchedule s(1, 100);
  s.admit(0, {1, 0});
  EXPECT_EQ(s.next_finish_ns(), 101u);
  EXPECT_TRUE(finish_until(s, 50).empty());
  s.admit(50, {2, 0});
  EXPECT_EQ(s.next_finish_ns(), 151u);  // pushed later by the arrival
  auto done = finish_until(s, 160);
  ASSERT_EQ(done.size(), 1u);
  EXPECT_EQ(done[0].slot, 1u);
  EXPECT_EQ(done[0].at, 150u);
  done = finish_until(s, 1000);
  ASSERT_EQ(done.size(), 1u);
  EXPECT_EQ(done[0].at, 200u);
}

// Throughput over a long backlog is capacity / service time, as in the FIFO shape.
TEST(SharingSchedule, ABacklogDrainsAtCapacityOverServiceTime) {
  SharingSchedule s(4, 1000);
  for (uint32_t i = 0; i < 400; ++i) s.admit(0, {i, 0});
  EXPECT_EQ(finish_until(s, 100'000).size(), 400u);  // 400 jobs × 1000 / 4 servers
  EXPECT_EQ(s.next_finish_ns(), 0u);
}

TEST(SharingSchedule, AnIdleScheduleStartsAfreshOnArrival) {
  SharingSchedule s(1, 100);
  s.admit(0, {1, 0});
  EXPECT_EQ(finish_until(s, 500).size(), 1u);
  s.admit(1000, {2, 0});
  const auto done = finish_until(s, 1100);
  ASSERT_EQ(done.size(), 1u);
  EXPECT_EQ(done[0].at, 1100u);
}

}  // namespace
}  // namespace ringbench::serve
