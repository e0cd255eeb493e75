#pragma once
// Open loop: the intended start times of requests that are due but found no idle connection,
// oldest first. A power-of-two ring; it doubles when full (rare: the run's first backlog), so
// a request costs no allocation once the queue has reached the backlog's size.
#include <cstdint>
#include <vector>

namespace ringbench::engine {

class ClientQueue {
 public:
  explicit ClientQueue(uint32_t initial_capacity) {
    uint32_t c = 16;
    while (c < initial_capacity) c <<= 1;
    ring_.resize(c);
  }

  bool empty() const noexcept { return size_ == 0; }
  uint64_t size() const noexcept { return size_; }
  uint64_t front() const noexcept { return ring_[head_]; }
  uint64_t at(uint64_t i) const noexcept { return ring_[(head_ + i) & (ring_.size() - 1)]; }

  void push_back(uint64_t intended_ns) {
    if (size_ == ring_.size()) grow();
    ring_[(head_ + size_) & (ring_.size() - 1)] = intended_ns;
    ++size_;
  }
  // A request that was taken for a connection which failed before sending it: first again.
  void push_front(uint64_t intended_ns) {
    if (size_ == ring_.size()) grow();
    head_ = (head_ + ring_.size() - 1) & (ring_.size() - 1);
    ring_[head_] = intended_ns;
    ++size_;
  }
  uint64_t pop_front() noexcept {
    const uint64_t v = ring_[head_];
    head_ = (head_ + 1) & (ring_.size() - 1);
    --size_;
    return v;
  }

 private:
  void grow() {
    std::vector<uint64_t> bigger(ring_.size() * 2);
    for (uint64_t i = 0; i < size_; ++i) bigger[i] = at(i);
    ring_.swap(bigger);
    head_ = 0;
  }

  std::vector<uint64_t> ring_;
  uint64_t head_ = 0;
  uint64_t size_ = 0;
};

}  // namespace ringbench::engine
