#pragma once
// Counters a progress display may read while the run goes on. Workers add to them with
// relaxed atomics once per loop iteration (not per request), so the hot path pays almost nothing.
#include <array>
#include <atomic>
#include <cstdint>

#include "ringbench/stats/counters.h"

namespace ringbench::engine {

struct LiveCounters {
  std::atomic<uint64_t> responses{0};
  std::array<std::atomic<uint64_t>, stats::error_class_count> errors{};
  std::atomic<int64_t> open_connections{0};
  std::atomic<int64_t> in_flight{0};
  std::atomic<uint64_t> clock_start_ns{0};  // 0 until every connection is open
};

}  // namespace ringbench::engine
