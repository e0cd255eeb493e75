#include "ringbench/stats/run_result.h"

namespace ringbench::stats {

void WorkerStats::merge(const WorkerStats& other) {
  latency.merge(other.latency);
  service_time.merge(other.service_time);
  send_lag.merge(other.send_lag);
  counters.merge(other.counters);
  phases.merge(other.phases);
  unfinished_ages.merge(other.unfinished_ages);
}

// Adds to whatever `result.totals` already holds, so a fresh RunResult ends up with the sum
// of the workers; run-level facts (duration, threads, ...) are the caller's to set.
void merge_into(RunResult& result, const std::vector<WorkerStats>& workers) {
  for (const WorkerStats& w : workers) result.totals.merge(w);
}

}  // namespace ringbench::stats
