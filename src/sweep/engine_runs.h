#pragma once
// The engine runs both kinds of sweep make (sweep_runner.cc, rate_runner.cc): one measured
// run, and the probes that wait for the server to settle between levels. Private to rb_sweep.
#include <atomic>
#include <functional>
#include <optional>
#include <string>

#include "ringbench/core/config.h"
#include "ringbench/stats/run_result.h"
#include "ringbench/sweep/point.h"

namespace ringbench::sweep {

Nanos seconds(double s);

// Now, ISO 8601 UTC: "2024-05-01T12:00:00Z" (a sweep's started_at).
std::string utc_now_iso8601();

// One engine run after `warmup_s` of unmeasured load, its time series sliced every `interval`
// (the engine's default when none); none when interrupted. Throws Error(cannot_run) when the
// target cannot be reached (engine::unreachable_reason) or the run cannot start.
std::optional<stats::RunResult> run_engine(const Config& config, double warmup_s, const std::atomic<bool>& stop,
                                           std::optional<Nanos> interval = std::nullopt);

// A short closed-loop run at `probe_c`, without warm-up or drain, long enough for about 20
// responses at the baseline's latency (probe_duration_s): what a light client sees right now.
Config probe_config(const Config& base, uint32_t probe_c, const Measure& baseline);

struct Settling {
  double waited_s = 0;
  std::optional<Measure> last_probe;  // set when the server did not settle
};

// Runs `probe` until one shows the baseline's latency (settled_by) or `settle_max_s` is spent;
// none when a probe was interrupted (returned none).
std::optional<Settling> settle_with(const std::function<std::optional<Measure>()>& probe, const Measure& baseline,
                                    double settle_max_s);

}  // namespace ringbench::sweep
