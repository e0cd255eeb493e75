// The worker's connection counts are derived from the states in ConnectionTable::set_state:
// they must equal a recount after any sequence of transitions, and each count must mean what
// the loop uses it for (in flight, open, opening, backing off, holding a request).
#include "connection_table.h"

#include <gtest/gtest.h>

#include <random>

namespace ringbench::engine {
namespace {

TEST(ConnectionTable, CountsFollowOneConnectionThroughItsLife) {
  ConnectionTable table(3);
  EXPECT_EQ(table.count(ConnState::dead), 3u);
  table.set_state(0, ConnState::connecting);
  EXPECT_EQ(table.opening(), 1u);
  table.set_state(0, ConnState::handshaking);  // https: still opening
  EXPECT_EQ(table.opening(), 1u);
  EXPECT_EQ(table.open(), 0u);
  table.set_state(0, ConnState::idle);
  EXPECT_EQ(table.opening(), 0u);
  EXPECT_EQ(table.open(), 1u);
  table.set_state(0, ConnState::queued);
  EXPECT_EQ(table.in_flight(), 0u);  // decided, not sent yet
  table.set_state(0, ConnState::busy);
  EXPECT_EQ(table.in_flight(), 1u);
  EXPECT_EQ(table.open(), 1u);
  table.set_state(0, ConnState::dead);
  table.set_state(0, ConnState::backing_off);
  EXPECT_EQ(table.open(), 0u);
  EXPECT_EQ(table.in_flight(), 0u);
  EXPECT_EQ(table.backing_off(), 1u);
  EXPECT_TRUE(table.counts_consistent());
}

TEST(ConnectionTable, HoldingCountsEachConnectionOnce) {
  ConnectionTable table(4);
  table.hold_request(1);
  table.hold_request(2);
  table.hold_request(2);  // already holding: no second request
  EXPECT_EQ(table.holding(), 2u);
  EXPECT_TRUE(table[2].holds_request());
  table.release_request(2);
  table.release_request(3);  // held nothing
  EXPECT_EQ(table.holding(), 1u);
  EXPECT_FALSE(table[2].holds_request());
  EXPECT_TRUE(table.counts_consistent());
}

// The invariant: after random transitions (any state to any state, as failures can strike in
// every state), every derived count equals a recount of the states.
TEST(ConnectionTable, CountsEqualARecountAfterRandomTransitions) {
  constexpr uint32_t slots = 64;
  ConnectionTable table(slots);
  std::mt19937 random(12345);
  std::uniform_int_distribution<uint32_t> any_slot(0, slots - 1);
  std::uniform_int_distribution<int> any_state(0, int(conn_state_count) - 1);
  for (int step = 0; step < 20000; ++step) {
    const uint32_t slot = any_slot(random);
    table.set_state(slot, ConnState(any_state(random)));
    if (step % 3 == 0) table.hold_request(any_slot(random));
    if (step % 5 == 0) table.release_request(any_slot(random));
    ASSERT_TRUE(table.counts_consistent()) << "after step " << step;
  }
  uint32_t open = 0, opening = 0, busy = 0, holding = 0;
  for (const Connection& c : table) {
    open += carries_requests(c.state()) ? 1 : 0;
    opening += c.state() == ConnState::connecting || c.state() == ConnState::handshaking ? 1 : 0;
    busy += c.state() == ConnState::busy ? 1 : 0;
    holding += c.holds_request() ? 1 : 0;
  }
  EXPECT_EQ(table.open(), open);
  EXPECT_EQ(table.opening(), opening);
  EXPECT_EQ(table.in_flight(), busy);
  EXPECT_EQ(table.holding(), holding);
}

TEST(ConnectionTable, OnlySocketsThatMayDeliverBytesReceive) {
  EXPECT_FALSE(receives(ConnState::dead));
  EXPECT_FALSE(receives(ConnState::backing_off));
  EXPECT_FALSE(receives(ConnState::connecting));  // no recv is armed before the connect
  EXPECT_TRUE(receives(ConnState::handshaking));
  EXPECT_TRUE(receives(ConnState::idle));
  EXPECT_TRUE(receives(ConnState::busy));
}

}  // namespace
}  // namespace ringbench::engine
