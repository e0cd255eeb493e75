#pragma once
// Runs on the thread that called engine::run(): merges the workers' snapshots of each
// interval, in order, into IntervalSummary (percentiles of the merged histogram).
#include <vector>

#include "ringbench/engine/run_observer.h"
#include "ringbench/stats/interval.h"
#include "load_profile.h"
#include "run_shared.h"

namespace ringbench::engine {

class IntervalCollector {
 public:
  explicit IntervalCollector(RunShared& shared) : shared_(shared) {
    if (shared.plan.rate) rate_.emplace(run_profile(shared.plan, *shared.plan.rate, 1.0));
  }

  // Merges every interval that all workers have finished; tells `observer` (may be null).
  void collect(RunObserver* observer);

  std::vector<stats::IntervalSummary>& intervals() noexcept { return intervals_; }

 private:
  enum class Step : uint8_t { merged, skipped, waiting };
  Step merge_next();
  double target_rate(double start_s, double end_s) const;

  enum class Pending : uint8_t { waiting, merged, absent };

  RunShared& shared_;
  std::vector<stats::IntervalSummary> intervals_;
  std::vector<Pending> pending_;  // per worker, for interval next_
  stats::Histogram merged_;       // of interval next_, so far
  stats::IntervalSummary summary_;
  IntervalSnapshot scratch_;
  uint64_t end_ns_ = 0;
  uint32_t next_ = 0;
  std::optional<LoadProfile> rate_;  // open loop: the whole run's rate over time
};

}  // namespace ringbench::engine
