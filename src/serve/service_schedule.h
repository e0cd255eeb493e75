#pragma once
// serve --capacity K: a server that can work on at most K requests at once, each taking its
// service time, the rest waiting in arrival order (an M/D/K-style queue). Its throughput
// saturates at K / delay, so a sweep against it must find its knee near c = K: a calibration
// target with a known answer.
//
// No request is ever parked: on arrival we compute when it will finish, the moment the
// earliest of the K servers frees up plus its service time, and the response becomes due then
// (the ordinary --delay timer path sends it). A min-heap of the K finish times makes that
// exact for any service times; with a constant --delay it degenerates to round-robin.
#include <algorithm>
#include <cstdint>
#include <functional>
#include <vector>

namespace ringbench::serve {

class ServiceSchedule {
 public:
  // capacity 0: unlimited (every request starts on arrival).
  explicit ServiceSchedule(uint32_t capacity) : free_at_(capacity, 0) {}

  bool limited() const noexcept { return !free_at_.empty(); }

  // When the request arriving at `arrival_ns` and needing `service_ns` finishes.
  uint64_t finish_ns(uint64_t arrival_ns, uint64_t service_ns) {
    if (free_at_.empty()) return arrival_ns + service_ns;
    std::pop_heap(free_at_.begin(), free_at_.end(), std::greater<>{});  // earliest free server
    const uint64_t start = std::max(arrival_ns, free_at_.back());
    free_at_.back() = start + service_ns;
    std::push_heap(free_at_.begin(), free_at_.end(), std::greater<>{});
    return start + service_ns;
  }

 private:
  std::vector<uint64_t> free_at_;  // a min-heap: when each server is next free
};

}  // namespace ringbench::serve
