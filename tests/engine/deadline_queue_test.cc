// The deadline queue's ordering rule: deadlines leave in the order requests started, a
// request that completes leaves from anywhere in O(1), and a re-armed slot moves to the back.
#include "deadline_queue.h"

#include <gtest/gtest.h>

#include <vector>

namespace ringbench::engine {
namespace {

std::vector<uint32_t> drain(DeadlineQueue& q) {
  std::vector<uint32_t> order;
  while (!q.empty()) {
    order.push_back(q.front());
    q.remove(q.front());
  }
  return order;
}

TEST(DeadlineQueue, ExpiresInStartOrder) {
  DeadlineQueue q(8);
  EXPECT_TRUE(q.empty());
  for (uint32_t slot : {5u, 1u, 7u, 0u}) q.push(slot, 100 + slot);
  EXPECT_EQ(q.front(), 5u);
  EXPECT_EQ(q.front_deadline(), 105u);
  EXPECT_EQ(drain(q), (std::vector<uint32_t>{5, 1, 7, 0}));
}

TEST(DeadlineQueue, CompletedRequestsLeaveFromAnywhere) {
  DeadlineQueue q(8);
  for (uint32_t slot = 0; slot < 5; ++slot) q.push(slot, slot);
  q.remove(0);  // the front
  q.remove(2);  // the middle
  q.remove(4);  // the back
  q.remove(6);  // never queued: nothing happens
  EXPECT_EQ(drain(q), (std::vector<uint32_t>{1, 3}));
}

TEST(DeadlineQueue, APushedAgainSlotMovesToTheBack) {
  DeadlineQueue q(4);
  for (uint32_t slot = 0; slot < 3; ++slot) q.push(slot, 10 * slot);
  q.push(0, 50);  // slot 0's next request started after the others
  EXPECT_EQ(q.front(), 1u);
  EXPECT_EQ(drain(q), (std::vector<uint32_t>{1, 2, 0}));
}

TEST(DeadlineQueue, EmptiesAndRefills) {
  DeadlineQueue q(2);
  q.push(1, 1);
  q.remove(1);
  EXPECT_TRUE(q.empty());
  q.push(0, 2);
  q.push(1, 3);
  EXPECT_EQ(drain(q), (std::vector<uint32_t>{0, 1}));
}

}  // namespace
}  // namespace ringbench::engine
