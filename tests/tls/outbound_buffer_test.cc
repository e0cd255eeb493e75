// OutboundBuffer: bytes handed out never move until consumed, order is kept across the two
// buffers, memory from a burst is given back.
#include "outbound_buffer.h"

#include <gtest/gtest.h>

#include <string>

using ringbench::tls::OutboundBuffer;

namespace {

std::string take_all(OutboundBuffer& b) {
  std::string out;
  while (!b.pending().empty()) {
    out.append(b.pending());
    b.consume(b.pending().size());
  }
  return out;
}

TEST(OutboundBufferTest, KeepsOrderAcrossBothBuffers) {
  OutboundBuffer b;
  std::string expected;
  for (int i = 0; i < 50; ++i) {
    const std::string piece(size_t(100 + i * 97), char('a' + i % 26));
    b.append(piece.data(), piece.size());
    expected += piece;
    if (i % 7 == 3) {  // a partial send now and then
      const size_t n = b.pending().size() / 2;
      expected.erase(0, n);
      b.consume(n);
    }
  }
  EXPECT_EQ(take_all(b), expected);
  EXPECT_TRUE(b.empty());
}

TEST(OutboundBufferTest, PendingBytesNeverMoveWhileInFlight) {
  OutboundBuffer b;
  b.append("hello", 5);
  const std::string_view in_flight = b.pending();  // a send SQE points here
  const std::string big(100 * 1024, 'x');
  for (int i = 0; i < 10; ++i) b.append(big.data(), big.size());  // would reallocate a plain string
  EXPECT_EQ(b.pending().data(), in_flight.data());
  EXPECT_EQ(std::string(in_flight), "hello");
  b.consume(2);  // short send
  EXPECT_EQ(b.pending().data(), in_flight.data() + 2);
  b.consume(3);
  EXPECT_EQ(b.pending().size(), 10 * big.size());
}

TEST(OutboundBufferTest, SmallAppendsReuseCapacityInPlace) {
  OutboundBuffer b;
  b.append("0123456789012345678901234567890123456789", 40);
  b.consume(40);
  const size_t capacity = b.capacity();
  for (int i = 0; i < 1000; ++i) {
    b.append("abcdefghij", 10);
    b.consume(10);
  }
  EXPECT_EQ(b.capacity(), capacity);
}

TEST(OutboundBufferTest, GivesBackMemoryAfterABurst) {
  OutboundBuffer b;
  const std::string big(1024 * 1024, 'x');
  b.append("a", 1);
  b.append(big.data(), big.size());
  EXPECT_EQ(take_all(b).size(), big.size() + 1);
  EXPECT_LE(b.capacity(), 2 * OutboundBuffer::retained_capacity);
}

}  // namespace
