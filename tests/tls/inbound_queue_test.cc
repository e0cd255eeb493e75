// InboundQueue: fed bytes are read in place; what is left is stashed and read first next time.
#include "inbound_queue.h"

#include <gtest/gtest.h>

#include <string>

using ringbench::tls::InboundQueue;

namespace {

std::string take(InboundQueue& q, size_t n) {
  std::string out(n, '\0');
  out.resize(q.take(out.data(), n));
  return out;
}

TEST(InboundQueueTest, ReadsFedBytesInPlace) {
  InboundQueue q;
  std::string recv = "hello world";
  q.feed(recv.data(), recv.size());
  EXPECT_EQ(take(q, 5), "hello");
  EXPECT_EQ(take(q, 100), " world");
  EXPECT_EQ(take(q, 1), "");
  EXPECT_TRUE(q.empty());
}

TEST(InboundQueueTest, StashedBytesSurviveTheCallersBufferAndComeFirst) {
  InboundQueue q;
  std::string recv = "abcdef";
  q.feed(recv.data(), recv.size());
  EXPECT_EQ(take(q, 2), "ab");
  q.stash();
  recv.assign(recv.size(), '#');  // the receive buffer is recycled
  std::string next = "ghi";
  q.feed(next.data(), next.size());
  EXPECT_EQ(take(q, 3), "cde");
  EXPECT_EQ(take(q, 3), "fgh");
  EXPECT_EQ(take(q, 3), "i");
}

TEST(InboundQueueTest, FeedingAgainStashesWhatWasNotRead) {
  InboundQueue q;
  std::string first = "12345", second = "678";
  q.feed(first.data(), first.size());
  EXPECT_EQ(take(q, 1), "1");
  q.feed(second.data(), second.size());
  first.assign(first.size(), '#');
  EXPECT_EQ(take(q, 100), "2345678");
}

TEST(InboundQueueTest, DropForgetsEverything) {
  InboundQueue q;
  std::string data = "xyz";
  q.feed(data.data(), data.size());
  q.stash();
  q.drop();
  EXPECT_TRUE(q.empty());
  EXPECT_EQ(take(q, 3), "");
}

}  // namespace
