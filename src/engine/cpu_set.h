#pragma once
// The CPUs this process may run on (sched_getaffinity), so `taskset` and cpusets are honoured.
#include <vector>

namespace ringbench::engine {

std::vector<int> allowed_cpus();

// Pins the calling thread to `cpu`; returns false when the kernel refuses.
bool pin_current_thread(int cpu);

}  // namespace ringbench::engine
