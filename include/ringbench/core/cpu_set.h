#pragma once
// Where worker threads run (docs/ARCHITECTURE.md, "Threads and CPUs"): the CPUs of the process's affinity
// mask, in order, so `taskset -c 1 ringbench …` or a cpuset keeps every worker where the user
// put it. Shared by the load generator's workers and `ringbench serve`.
#include <vector>

namespace ringbench {

// The CPUs this process may run on, ascending. Empty if the kernel would not say.
std::vector<int> allowed_cpus();

// Restricts the calling thread to `cpu` (no-op for -1). Returns false if the kernel refused;
// the thread then keeps running wherever it was allowed to.
bool pin_current_thread(int cpu);

}  // namespace ringbench
