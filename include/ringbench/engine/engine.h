#pragma once
// Runs a Plan: one pinned worker thread per planned worker, each with its own ring; all
// connections open before the clock starts; per-worker stats merged into one RunResult.
#include <atomic>

#include "ringbench/engine/plan.h"
#include "ringbench/engine/run_observer.h"
#include "ringbench/stats/run_result.h"

namespace ringbench::engine {

// Raises RLIMIT_NOFILE's soft limit to what the plan needs; throws Error(cannot_run) when the
// hard limit is too low. Call before run().
void ensure_fd_limit(const Plan& plan);

// Blocks until the run ends: -n quota done, -z deadline reached, or `stop` set (SIGINT).
// Throws Error(cannot_run) when no connection at all could be opened or a ring cannot be set up.
// `observer` (optional) is told about progress and each completed interval while it runs.
stats::RunResult run(const Plan& plan, const std::atomic<bool>& stop, RunObserver* observer = nullptr);

}  // namespace ringbench::engine
