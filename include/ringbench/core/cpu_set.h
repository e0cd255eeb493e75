#pragma once
// Where worker threads run (docs/ARCHITECTURE.md, "Threads and CPUs"): the CPUs of the process's affinity
// mask, in order, so `taskset -c 1 ringbench …` or a cpuset keeps every worker where the user
// put it. Shared by the load generator's workers and `ringbench serve`.
#include <cstdint>
#include <vector>

namespace ringbench {

// The CPUs this process may run on, ascending. Empty if the kernel would not say.
std::vector<int> allowed_cpus();

// The CPU worker `index` of `threads` is pinned to: the mask's CPUs in order (wrapping when
// there are more workers), or -1 (unpinned) when the kernel would not say or when there are
// fewer workers than CPUs. Pinning a few workers to the mask's first CPUs would crowd them
// there while the rest stay idle; seen with several test processes, each pinning its one
// worker and its server thread to CPU 0, whose send lags reached a second.
inline int worker_cpu(const std::vector<int>& cpus, uint32_t index, uint32_t threads) {
  if (cpus.empty() || threads < cpus.size()) return -1;
  return cpus[index % cpus.size()];
}

// Restricts the calling thread to `cpu` (no-op for -1). Returns false if the kernel refused;
// the thread then keeps running wherever it was allowed to.
bool pin_current_thread(int cpu);

}  // namespace ringbench
