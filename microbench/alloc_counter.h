#pragma once
// Heap allocations of the whole process, counted by a replaced global operator new
// (alloc_counter.cc, linked into every microbenchmark). Benchmarks read the count around
// their timed loop and report allocations per iteration, which must be 0 on the hot paths
// (docs/ARCHITECTURE.md, "Rules of the hot path").
#include <benchmark/benchmark.h>

#include <cstdint>

namespace ringbench::microbench {

// Every operator new / new[] (all overloads) since the process started. Relaxed: a count,
// not a synchronisation point; read it on the thread that ran the code being measured, or
// after joining the threads that did.
uint64_t allocation_count() noexcept;

// Sets state.counters["allocs_per_iter"]: allocations since `start` (an earlier
// allocation_count()) divided by the iterations run. Call right after the timed loop.
inline void report_allocations(benchmark::State& state, uint64_t start) {
  const uint64_t allocations = allocation_count() - start;
  state.counters["allocs_per_iter"] = benchmark::Counter(double(allocations), benchmark::Counter::kAvgIterations);
}

// report_allocations for a hot path that must not allocate: any allocation in the timed loop
// fails the benchmark (SkipWithError), and so `meson test --suite microbench` and test.sh.
inline void require_no_allocations(benchmark::State& state, uint64_t start) {
  const uint64_t allocations = allocation_count() - start;
  report_allocations(state, start);
  if (allocations > 0) {
    state.SkipWithError("the hot path allocated; it must not (docs/ARCHITECTURE.md, \"Rules of the hot path\")");
  }
}

}  // namespace ringbench::microbench
