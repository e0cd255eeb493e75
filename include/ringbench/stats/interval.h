#pragma once
// One slice of a run (one second by default): what completed in it, for NDJSON/CSV time
// series. Percentiles come from the merge of every worker's histogram of that slice.
#include <array>
#include <optional>
#include <cstdint>

#include "ringbench/stats/counters.h"

namespace ringbench::stats {

struct IntervalSummary {
  uint32_t index = 0;      // 0, 1, 2, ... from the clock start
  double start_s = 0;      // seconds since the clock start
  double end_s = 0;        // the last interval ends at the run's end, so it may be shorter
  uint64_t responses = 0;
  std::array<uint64_t, error_class_count> errors{};
  uint64_t p50_ns = 0, p90_ns = 0, p99_ns = 0, max_ns = 0;  // 0 when no response
  // Open loop: the rate the schedule asked for over this interval (the mean of a ramp).
  std::optional<double> target_rate;

  double rps() const noexcept { return end_s > start_s ? double(responses) / (end_s - start_s) : 0.0; }
  uint64_t error_total() const noexcept {
    uint64_t n = 0;
    for (uint64_t e : errors) n += e;
    return n;
  }
};

}  // namespace ringbench::stats
