#pragma once
// Lets the caller of engine::run watch a run while it goes on (progress line, NDJSON stream).
// Called on the thread that called run(), never on a worker: the hot path pays nothing.
#include "ringbench/engine/live_counters.h"
#include "ringbench/stats/interval.h"

namespace ringbench::engine {

class RunObserver {
 public:
  virtual ~RunObserver() = default;
  // About ten times a second, with the live counters (relaxed reads).
  virtual void on_tick(const LiveCounters& /*live*/) {}
  // Each interval as soon as every worker has finished it, in order; the last one when the run ends.
  virtual void on_interval(const stats::IntervalSummary& /*interval*/) {}
};

}  // namespace ringbench::engine
