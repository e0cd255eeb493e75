#pragma once
// Where worker threads run (DESIGN.md "Threads and CPUs"): the CPUs of the process affinity
// mask, in order, so `taskset -c 1 ringbench serve` keeps every worker where the user put it.
// The engine module has its own copy of this policy; serve may not use engine.
#include <vector>

namespace ringbench::serve {

// The CPUs the calling thread may run on, ascending. Empty if the kernel would not say.
std::vector<int> affinity_cpus();

// Restricts the calling thread to `cpu`. Returns false if the kernel refused (e.g. the CPU
// left the cpuset meanwhile); the thread then keeps running wherever it was allowed to.
bool pin_current_thread(int cpu);

}  // namespace ringbench::serve
