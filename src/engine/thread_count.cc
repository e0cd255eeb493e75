#include "thread_count.h"

#include <sys/resource.h>

#include <algorithm>

#include "ringbench/core/error.h"

namespace ringbench::engine {

uint64_t connections_per_ring(uint64_t hard_limit) {
  constexpr uint64_t kernel_max = uint64_t(1) << 20;  // IORING_MAX_FIXED_FILES
  return hard_limit == 0 ? kernel_max : std::min(hard_limit, kernel_max);
}

ThreadChoice choose_threads(uint32_t concurrency, uint32_t asked, uint32_t cpus, uint64_t per_ring) {
  const uint64_t needed = std::max<uint64_t>(1, (uint64_t(concurrency) + per_ring - 1) / per_ring);
  const std::string why = "one thread's ring holds at most " + std::to_string(per_ring) +
                          " connections (the open-file hard limit, ulimit -Hn)";
  if (asked != 0) {
    if (asked < needed) {
      throw_usage("--threads " + std::to_string(asked) + " is too few for -c " + std::to_string(concurrency) + ": " +
                  why + "; use --threads " + std::to_string(needed) + " or more, or leave --threads out");
    }
    return {asked, ""};
  }
  if (needed <= cpus) return {std::max<uint32_t>(1, cpus), ""};
  return {uint32_t(needed), "-c " + std::to_string(concurrency) + " needs " + std::to_string(needed) + " threads, as " +
                                why + ": they share " + std::to_string(cpus) + " CPU" + (cpus == 1 ? "" : "s")};
}

uint64_t fd_hard_limit() {
  rlimit lim{};
  if (getrlimit(RLIMIT_NOFILE, &lim) != 0 || lim.rlim_max == RLIM_INFINITY) return 0;
  return lim.rlim_max;
}

}  // namespace ringbench::engine
