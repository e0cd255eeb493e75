#pragma once
// Adds a worker's progress to the shared LiveCounters: only what changed since the last
// publish, once per loop iteration, so the display sees the sum of all workers.
#include <array>
#include <atomic>
#include <cstdint>

#include "ringbench/engine/live_counters.h"
#include "ringbench/stats/counters.h"

namespace ringbench::engine {

class LivePublisher {
 public:
  void publish(LiveCounters& live, const stats::Counters& n, uint32_t open, uint32_t in_flight) noexcept {
    live.responses.fetch_add(n.responses - responses_, std::memory_order_relaxed);
    for (size_t e = 0; e < n.errors.size(); ++e) {
      live.errors[e].fetch_add(n.errors[e] - errors_[e], std::memory_order_relaxed);
    }
    live.open_connections.fetch_add(int64_t(open) - open_, std::memory_order_relaxed);
    live.in_flight.fetch_add(int64_t(in_flight) - in_flight_, std::memory_order_relaxed);
    responses_ = n.responses;
    errors_ = n.errors;
    open_ = open;
    in_flight_ = in_flight;
  }

  // The worker's counters restarted from zero (end of the warm-up): what was published of them
  // stays published, and the next deltas count from zero. Connections are not counters and
  // carry on.
  void restart_counts() noexcept {
    responses_ = 0;
    errors_ = {};
  }

 private:
  uint64_t responses_ = 0;
  std::array<uint64_t, stats::error_class_count> errors_{};
  int64_t open_ = 0;
  int64_t in_flight_ = 0;
};

}  // namespace ringbench::engine
