#pragma once
// Runs a Plan: one pinned worker thread per planned worker, each with its own ring; all
// connections open before the clock starts; per-worker stats merged into one RunResult.
#include <atomic>
#include <optional>
#include <string>

#include "ringbench/engine/plan.h"
#include "ringbench/engine/run_observer.h"
#include "ringbench/stats/run_result.h"

namespace ringbench::engine {

// Raises RLIMIT_NOFILE's soft limit to what the plan needs; throws Error(cannot_run) when the
// hard limit is too low. Call before run().
void ensure_fd_limit(const Plan& plan);

// Blocks until the run ends: -n quota done, -z deadline reached, `stop` set (SIGINT), or in a
// -n run every connection gave up reconnecting. A run in which no connection could be opened
// returns too (see unreachable_reason). Throws Error(cannot_run) when a ring cannot be set up.
// `observer` (optional) is told about progress and each completed interval while it runs.
stats::RunResult run(const Plan& plan, const std::atomic<bool>& stop, RunObserver* observer = nullptr);

// "no connection could be established: connect 127.0.0.1:1: Connection refused" when not one
// response arrived and every failure was a connect or TLS handshake failure (the run could not
// run: exit 3); nothing when the run reached the server.
std::optional<std::string> unreachable_reason(const stats::RunResult& result);

}  // namespace ringbench::engine
