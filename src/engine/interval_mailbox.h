#pragma once
// How a worker hands each finished interval to the thread that called run(): a small queue
// behind a mutex, touched once per interval (once a second), never per request.
#include <array>
#include <cstdint>
#include <deque>
#include <mutex>

#include "ringbench/stats/counters.h"
#include "ringbench/stats/histogram.h"

namespace ringbench::engine {

struct IntervalSnapshot {
  uint32_t index = 0;
  uint64_t end_ns = 0;
  uint64_t responses = 0;
  std::array<uint64_t, stats::error_class_count> errors{};
  stats::Histogram latency;
};

class IntervalMailbox {
 public:
  void post(IntervalSnapshot&& snapshot) {
    std::lock_guard lock(mutex_);
    ready_.push_back(std::move(snapshot));
  }
  // The worker will post nothing more.
  void close() {
    std::lock_guard lock(mutex_);
    closed_ = true;
  }
  // Whether a snapshot is waiting to be taken (a later interval's, when `index` was skipped).
  bool holds_any() {
    std::lock_guard lock(mutex_);
    return !ready_.empty();
  }
  // Moves out the snapshot of interval `index` if posted. Sets `finished` when nothing of
  // `index` will ever come: the worker closed without reaching it, or skipped it (a worker
  // stalled across several intervals posts one snapshot, numbered by the last it closes).
  bool take(uint32_t index, IntervalSnapshot& out, bool& finished) {
    std::lock_guard lock(mutex_);
    finished = false;
    if (!ready_.empty() && ready_.front().index == index) {
      out = std::move(ready_.front());
      ready_.pop_front();
      return true;
    }
    finished = ready_.empty() ? closed_ : ready_.front().index > index;
    return false;
  }

 private:
  std::mutex mutex_;
  std::deque<IntervalSnapshot> ready_;
  bool closed_ = false;
};

}  // namespace ringbench::engine
