#pragma once
// What a worker keeps of the interval being filled (its latencies, and the counters at its
// start) and how intervals are numbered. Times are passed in, so tests can choose them.
#include <array>
#include <cstdint>

#include "interval_mailbox.h"
#include "ringbench/stats/counters.h"
#include "ringbench/stats/histogram.h"

namespace ringbench::engine {

class IntervalRecorder {
 public:
  // The first interval starts at `clock_start_ns`; each lasts `length_ns`.
  void start(uint64_t clock_start_ns, uint64_t length_ns) noexcept {
    start_ns_ = clock_start_ns;
    length_ns_ = length_ns;
    next_boundary_ns_ = clock_start_ns + length_ns;
    current_ = 0;
  }

  void record(uint64_t latency_ns) noexcept { latency_.record(latency_ns); }
  uint64_t next_boundary_ns() const noexcept { return next_boundary_ns_; }
  bool due(uint64_t now) const noexcept { return now >= next_boundary_ns_; }
  uint64_t last_cut_ns() const noexcept { return last_cut_ns_; }

  // Ends the interval being filled at `now` and starts the next one there, so every response
  // lands in exactly one interval. `counters` are the worker's totals at `now`.
  IntervalSnapshot cut(uint64_t now, const stats::Counters& counters) {
    IntervalSnapshot s;
    s.index = closed_by(now);
    s.end_ns = now;
    s.responses = counters.responses - responses_base_;
    for (size_t e = 0; e < s.errors.size(); ++e) s.errors[e] = counters.errors[e] - errors_base_[e];
    s.latency = std::move(latency_);
    latency_ = stats::Histogram();
    responses_base_ = counters.responses;
    errors_base_ = counters.errors;
    last_cut_ns_ = now;
    while (next_boundary_ns_ <= now) {
      next_boundary_ns_ += length_ns_;
      ++current_;
    }
    return s;
  }

  // The warm-up ended and the worker's counters restarted from zero: so does the interval.
  void restart_counts() noexcept {
    latency_ = stats::Histogram();
    responses_base_ = 0;
    errors_base_ = {};
  }

 private:
  // Intervals are numbered by time, not by cut, so every worker's snapshot of one second
  // carries the same number even when a worker was descheduled past a boundary: its one late
  // snapshot takes the number of the last interval it closes, and the collector merges it
  // there. A cut before the next boundary (the end of the run) closes the partial interval.
  uint32_t closed_by(uint64_t now) const noexcept {
    if (now < next_boundary_ns_) return current_;
    return uint32_t((now - start_ns_) / length_ns_ - 1);
  }

  stats::Histogram latency_;
  uint64_t start_ns_ = 0;
  uint64_t length_ns_ = 1;
  uint64_t next_boundary_ns_ = UINT64_MAX;  // none until start()
  uint64_t last_cut_ns_ = 0;
  uint64_t responses_base_ = 0;
  std::array<uint64_t, stats::error_class_count> errors_base_{};
  uint32_t current_ = 0;  // the interval the last boundary passed opened
};

}  // namespace ringbench::engine
