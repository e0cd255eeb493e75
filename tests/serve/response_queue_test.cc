#include "response_queue.h"

#include <gtest/gtest.h>

#include <vector>

using ringbench::serve::ResponseKind;
using ringbench::serve::ResponseQueue;

namespace {

std::vector<ResponseKind> drain(ResponseQueue& q) {
  std::vector<ResponseKind> out;
  while (!q.empty()) {
    const ResponseKind k = q.front().kind;
    const uint32_t n = q.front().count;
    out.insert(out.end(), n, k);
    q.pop(n);
  }
  return out;
}

}  // namespace

TEST(ResponseQueue, IdenticalResponsesShareARun) {
  ResponseQueue q;
  for (int i = 0; i < 1000; ++i) q.push(ResponseKind::ok, 0);
  EXPECT_EQ(q.front().count, 1000u);
  q.pop(16);
  EXPECT_EQ(q.front().count, 984u);
  q.pop(984);
  EXPECT_TRUE(q.empty());
}

TEST(ResponseQueue, DueTimesSplitRuns) {
  ResponseQueue q;
  q.push(ResponseKind::ok, 10);
  q.push(ResponseKind::ok, 10);
  q.push(ResponseKind::ok, 20);
  EXPECT_EQ(q.front().count, 2u);
  EXPECT_EQ(q.front().due_ns, 10u);
  q.pop(2);
  EXPECT_EQ(q.front().due_ns, 20u);
}

TEST(ResponseQueue, AlternatingKindsKeepTheirOrderBeyondTheInlineRuns) {
  ResponseQueue q;
  std::vector<ResponseKind> pushed;
  for (int i = 0; i < 40; ++i) {
    const ResponseKind k = i % 3 == 0 ? ResponseKind::ok_head : ResponseKind::ok;
    q.push(k, 0);
    pushed.push_back(k);
  }
  q.push(ResponseKind::bad_request, 0);
  pushed.push_back(ResponseKind::bad_request);
  EXPECT_EQ(drain(q), pushed);
  q.push(ResponseKind::ok, 0);  // usable again after draining a spill
  EXPECT_EQ(drain(q), std::vector<ResponseKind>{ResponseKind::ok});
}

TEST(ResponseQueue, PushingWhileDrainingKeepsOrder) {
  ResponseQueue q;
  std::vector<ResponseKind> pushed, popped;
  for (int round = 0; round < 50; ++round) {
    for (int i = 0; i < 7; ++i) {
      const ResponseKind k = (round + i) % 2 ? ResponseKind::ok_head : ResponseKind::ok;
      q.push(k, 0);
      pushed.push_back(k);
    }
    for (int i = 0; i < 3 && !q.empty(); ++i) {
      popped.push_back(q.front().kind);
      q.pop(1);
    }
  }
  for (ResponseKind k : drain(q)) popped.push_back(k);
  EXPECT_EQ(popped, pushed);
}
