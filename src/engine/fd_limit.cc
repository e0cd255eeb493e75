#include <sys/resource.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <string>

#include "ringbench/core/error.h"
#include "ringbench/engine/engine.h"

namespace ringbench::engine {

// Direct descriptors do not count against RLIMIT_NOFILE, but each ring's fixed-file table is
// capped by it (docs/IO_URING.md, fixed-table-vs-nofile): the limit must cover the largest per-worker table,
// plus a few ordinary fds (stdio, rings, the listener of an in-process server).
void ensure_fd_limit(const Plan& plan) {
  uint64_t largest = 0;
  for (const WorkerPlan& w : plan.workers) largest = std::max<uint64_t>(largest, w.connections);
  rlimit lim{};
  if (getrlimit(RLIMIT_NOFILE, &lim) != 0) return;
  if (lim.rlim_max != RLIM_INFINITY && lim.rlim_max < largest) {
    throw_cannot_run("open-file limit too low: " + std::to_string(largest) +
                     " connections per thread need RLIMIT_NOFILE >= " + std::to_string(largest) +
                     " but the hard limit is " + std::to_string(lim.rlim_max) +
                     " (use more --threads or raise the hard limit with ulimit -Hn)");
  }
  // A table of exactly the limit is allowed; the margin is for ordinary fds, where there is room.
  rlim_t needed = rlim_t(largest + 64);
  if (lim.rlim_max != RLIM_INFINITY) needed = std::min(needed, lim.rlim_max);
  if (lim.rlim_cur >= needed) return;
  lim.rlim_cur = needed;
  if (setrlimit(RLIMIT_NOFILE, &lim) != 0) {
    throw_cannot_run(std::string("cannot raise RLIMIT_NOFILE: ") + std::strerror(errno));
  }
}

}  // namespace ringbench::engine
