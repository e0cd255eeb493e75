#pragma once
// serve --stall at run time: each worker's view of the one stall window all workers share.
//
// The window is timed from the first request any worker receives, so the workers share one
// start time: an atomic that the first of them sets (compare-exchange from 0) and the others
// read. Nothing is parked: a request arriving inside the window gets the window's end as the
// earliest time it may be answered, and the ordinary --delay timer path sends it then.
// Once a worker sees a request arrive after the window, it stops reading the clock for it.
#include <atomic>
#include <cstdint>

#include "ringbench/serve/stall.h"

namespace ringbench::serve {

class StallWindow {
 public:
  // `first_request_ns` (0 = no request yet) is shared by every worker of one server.
  StallWindow(const Stall& stall, std::atomic<uint64_t>* first_request_ns) noexcept
      : after_ns_(uint64_t(stall.after.count())),
        length_ns_(uint64_t(stall.length.count())),
        first_request_ns_(first_request_ns),
        pending_(length_ns_ > 0 && first_request_ns != nullptr) {}

  // Whether a request may still be held: a stall was asked for and this worker has not yet
  // seen a request arrive after its end.
  bool pending() const noexcept { return pending_; }

  // The earliest time a request arriving at `arrival_ns` (CLOCK_MONOTONIC, > 0) may be
  // answered: the window's end if it arrives inside, otherwise 0 (no constraint).
  uint64_t hold_until(uint64_t arrival_ns) noexcept {
    if (!pending_) return 0;
    if (end_ns_ == 0) learn_start(arrival_ns);
    if (arrival_ns >= end_ns_) {
      pending_ = false;
      return 0;
    }
    return arrival_ns >= begin_ns_ ? end_ns_ : 0;
  }

 private:
  // The first request of the whole server is either this one or one another worker saw.
  // Only the value is shared, so relaxed ordering suffices.
  void learn_start(uint64_t arrival_ns) noexcept {
    uint64_t first = 0;
    if (first_request_ns_->compare_exchange_strong(first, arrival_ns, std::memory_order_relaxed)) first = arrival_ns;
    begin_ns_ = first + after_ns_;
    end_ns_ = begin_ns_ + length_ns_;
  }

  uint64_t after_ns_;
  uint64_t length_ns_;
  std::atomic<uint64_t>* first_request_ns_;
  uint64_t begin_ns_ = 0;
  uint64_t end_ns_ = 0;  // 0 until this worker knows the first request's time
  bool pending_;
};

}  // namespace ringbench::serve
