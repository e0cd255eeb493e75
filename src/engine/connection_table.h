#pragma once
// A worker's connections and the counts the loop decides by (in flight, open, opening, backing
// off, holding a request). The counts are derived from the states in one place, set_state, so
// they cannot drift from them; counts_consistent() recounts, for tests and debug builds.
#include <array>
#include <cstdint>
#include <vector>

#include "connection.h"

namespace ringbench::engine {

class ConnectionTable {
 public:
  explicit ConnectionTable(uint32_t slots) : conns_(slots) { count_[size_t(ConnState::dead)] = slots; }

  Connection& operator[](uint32_t slot) noexcept { return conns_[slot]; }
  const Connection& operator[](uint32_t slot) const noexcept { return conns_[slot]; }
  uint32_t size() const noexcept { return uint32_t(conns_.size()); }
  auto begin() const noexcept { return conns_.cbegin(); }
  auto end() const noexcept { return conns_.cend(); }

  void set_state(uint32_t slot, ConnState next) noexcept {
    ConnState& s = conns_[slot].state_;
    --count_[size_t(s)];
    ++count_[size_t(next)];
    s = next;
  }

  // A reconnect's request taken from the -n quota (Connection::holds_request), and given back.
  void hold_request(uint32_t slot) noexcept {
    if (!conns_[slot].holds_request_) ++holding_;
    conns_[slot].holds_request_ = true;
  }
  void release_request(uint32_t slot) noexcept {
    if (conns_[slot].holds_request_) --holding_;
    conns_[slot].holds_request_ = false;
  }

  uint32_t count(ConnState s) const noexcept { return count_[size_t(s)]; }
  uint32_t in_flight() const noexcept { return count(ConnState::busy); }
  // Requests decided on: in flight, or queued for the next submit.
  uint32_t sending() const noexcept { return in_flight() + count(ConnState::queued); }
  uint32_t open() const noexcept { return count(ConnState::idle) + count(ConnState::queued) + in_flight(); }
  uint32_t opening() const noexcept { return count(ConnState::connecting) + count(ConnState::handshaking); }
  uint32_t backing_off() const noexcept { return count(ConnState::backing_off); }
  uint32_t holding() const noexcept { return holding_; }

  // Every count equals a recount of the states and flags.
  bool counts_consistent() const noexcept {
    std::array<uint32_t, conn_state_count> recount{};
    uint32_t holding = 0;
    for (const Connection& c : conns_) {
      ++recount[size_t(c.state_)];
      holding += c.holds_request_ ? 1 : 0;
    }
    return recount == count_ && holding == holding_;
  }

 private:
  std::vector<Connection> conns_;
  std::array<uint32_t, conn_state_count> count_{};
  uint32_t holding_ = 0;
};

}  // namespace ringbench::engine
