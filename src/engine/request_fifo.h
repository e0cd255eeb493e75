#pragma once
// The requests one connection carries, oldest first: with --pipeline N up to N of them are
// written before the first response arrives, and responses come back in request order
// (RFC 9112 §9.3.2), so each response belongs to the front. Every connection of a worker has
// a fixed ring of N entries in one array allocated when the worker starts: no allocation per
// request. The last `unsent` entries of a connection are decided but not yet written.
#include <cstdint>
#include <vector>

namespace ringbench::engine {

struct PendingRequest {
  uint64_t start_ns = 0;  // its latency starts here (stats/phases.h)
  uint64_t ready_ns = 0;  // it could go: its send's stamp, or the connection it waited for being ready
  bool counts_lag = false;          // open loop: sent at once at its intended start (send lag)
  bool on_new_connection = false;   // it waited for the connection: connect (and TLS) are its phases
};

class RequestFifo {
 public:
  RequestFifo(uint32_t slots, uint32_t depth) : capacity_(round_up(depth)), rings_(slots), items_(size_t(slots) * capacity_) {}

  uint32_t size(uint32_t slot) const noexcept { return rings_[slot].count; }
  bool empty(uint32_t slot) const noexcept { return rings_[slot].count == 0; }

  // i-th from the front (0: the oldest).
  PendingRequest& at(uint32_t slot, uint32_t i) noexcept {
    const Ring& r = rings_[slot];
    return items_[size_t(slot) * capacity_ + ((r.head + i) & (capacity_ - 1))];
  }
  PendingRequest& front(uint32_t slot) noexcept { return at(slot, 0); }

  // Call only with size(slot) below the depth it was made with.
  void push_back(uint32_t slot, const PendingRequest& request) noexcept {
    Ring& r = rings_[slot];
    items_[size_t(slot) * capacity_ + ((r.head + r.count) & (capacity_ - 1))] = request;
    ++r.count;
  }
  PendingRequest pop_front(uint32_t slot) noexcept {
    const PendingRequest request = front(slot);
    Ring& r = rings_[slot];
    r.head = (r.head + 1) & (capacity_ - 1);
    --r.count;
    return request;
  }
  PendingRequest pop_back(uint32_t slot) noexcept {
    const PendingRequest request = at(slot, rings_[slot].count - 1);
    --rings_[slot].count;
    return request;
  }
  void clear(uint32_t slot) noexcept { rings_[slot] = Ring{}; }

 private:
  struct Ring {
    uint32_t head = 0;
    uint32_t count = 0;
  };
  static uint32_t round_up(uint32_t depth) noexcept {
    uint32_t c = 1;
    while (c < depth) c <<= 1;
    return c;
  }
  uint32_t capacity_;  // a power of two, at least the depth
  std::vector<Ring> rings_;
  std::vector<PendingRequest> items_;
};

}  // namespace ringbench::engine
