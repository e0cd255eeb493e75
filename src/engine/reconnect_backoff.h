#pragma once
// When a connection may try again after a failed connect or TLS handshake during the run.
// Without a pause, a server that went away turned every connection into a loop of instant
// "connection refused" (454,207 connect errors in 3 s): a count that measures our spin, not
// the server. Each connection waits 1 ms after its first failure, doubling per failure in a
// row up to 1 s, the wait drawn in [half, whole] so connections do not retry in lockstep. A
// success starts the series over.
#include <algorithm>
#include <cstdint>
#include <utility>
#include <vector>

namespace ringbench::engine {

inline constexpr uint64_t backoff_first_ns = 1'000'000;      // 1 ms
inline constexpr uint64_t backoff_cap_ns = 1'000'000'000;    // 1 s
// A -n run cannot wait for its quota forever: a connection whose failures in a row have gone
// on this long gives up (a -z run keeps trying until its deadline).
inline constexpr uint64_t give_up_after_ns = 2'000'000'000;  // 2 s

// The wait after `failures` (>= 1) failed attempts in a row; `random` is any 64-bit draw.
constexpr uint64_t backoff_delay_ns(uint32_t failures, uint64_t random) noexcept {
  const uint32_t doublings = std::min<uint32_t>(failures > 0 ? failures - 1 : 0, 30);
  const uint64_t base = std::min(backoff_first_ns << doublings, backoff_cap_ns);
  return base / 2 + random % (base / 2 + 1);
}

// splitmix64: cheap, well-mixed draws for the jitter (no quality needed beyond "not in step").
class JitterSource {
 public:
  explicit JitterSource(uint64_t seed) noexcept : state_(seed) {}
  uint64_t next() noexcept {
    uint64_t z = (state_ += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
  }

 private:
  uint64_t state_;
};

// Connections waiting to reconnect, earliest first. Waits differ per connection, so unlike
// request deadlines they do not expire in the order they were set: a binary heap. At most one
// entry per connection, and room for all is reserved up front: no allocation during the run.
class RetrySchedule {
 public:
  explicit RetrySchedule(uint32_t slots) { heap_.reserve(slots); }

  void push(uint32_t slot, uint64_t at_ns) {
    heap_.emplace_back(at_ns, slot);
    std::push_heap(heap_.begin(), heap_.end(), later);
  }
  bool empty() const noexcept { return heap_.empty(); }
  size_t size() const noexcept { return heap_.size(); }
  uint64_t front_time() const noexcept { return heap_.front().first; }
  uint32_t pop() noexcept {
    std::pop_heap(heap_.begin(), heap_.end(), later);
    const uint32_t slot = heap_.back().second;
    heap_.pop_back();
    return slot;
  }

 private:
  static bool later(const std::pair<uint64_t, uint32_t>& a, const std::pair<uint64_t, uint32_t>& b) noexcept {
    return a.first > b.first;
  }
  std::vector<std::pair<uint64_t, uint32_t>> heap_;
};

}  // namespace ringbench::engine
