#pragma once
// The impure half of sweep: runs the engine at each concurrency level (× repeats, paired with
// a reference endpoint when asked), then hands the measured points to the pure analysis
// (judge, pick, refine). One engine run per measurement, each with pre-opened connections and
// a warm-up that is not counted.
#include <atomic>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "ringbench/core/config.h"
#include "ringbench/sweep/point.h"
#include "ringbench/sweep/sweep_result.h"

namespace ringbench::sweep {

struct SweepRequest {
  Config target;                     // URL and request flags; concurrency, -n and -z are set per point
  std::optional<Config> reference;   // --vs: the reference endpoint's request
  std::vector<Measure> reference_file;  // --ref-from-json: a saved sweep's points
  SweepParams params;
};

// Told about each point as soon as it is measured (for progress lines and ndjson).
class SweepObserver {
 public:
  virtual ~SweepObserver() = default;
  virtual void on_baseline(const Point& /*baseline*/) {}
  virtual void on_point(const Point& /*point*/, size_t /*index*/, size_t /*total*/) {}
  virtual void on_rate_point(const RatePoint& /*point*/, size_t /*index*/) {}  // sweep --rate
};

// Runs the whole sweep (a capacity search when request.params.rate is set: run_rate_sweep). Stops early (result.interrupted) when `stop` is set, still judging and
// picking over what was measured. Throws Error(cannot_run) only when the target cannot be
// reached at all at the baseline.
SweepResult run_sweep(const SweepRequest& request, const std::atomic<bool>& stop,
                      SweepObserver* observer = nullptr);

// sweep --rate LO..HI --slo ...: a closed-loop baseline at params.baseline_c (the settling
// probes' yardstick), then one open-loop run per rate the search (rate_search.h) asks for,
// each settled like a concurrency level and judged by judge_rate_point. Stops early
// (result.interrupted) when `stop` is set, with the capacity over what was measured. Throws
// Error(cannot_run) only when the baseline cannot reach the target.
SweepResult run_rate_sweep(const SweepRequest& request, const std::atomic<bool>& stop,
                           SweepObserver* observer = nullptr);

}  // namespace ringbench::sweep
