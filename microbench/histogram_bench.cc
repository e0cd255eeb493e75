// stats::Histogram, the per-response latency sink of every worker:
//  - Record/<lo_ns>/<hi_ns>: record() of precomputed latencies, log-uniform between lo and hi
//    (10 us..1 s: a wide, cache-unfriendly spread; 50..500 us: a loopback run). Must allocate 0.
//  - Percentiles/<lo>/<hi>: the set a report asks for (p50 p75 p90 p95 p99 p99.9 p99.99, min,
//    max, mean, stdev) on a histogram filled with 1M such samples.
//  - Merge/<lo>/<hi>: adding one worker's histogram (1M samples) into another, as at the end
//    of a run and for every interval of every worker.
// Run: build/microbench/histogram_bench --benchmark_counters_tabular=true
#include <benchmark/benchmark.h>

#include <cmath>
#include <cstdint>
#include <random>
#include <vector>

#include "alloc_counter.h"
#include "benchmark_runner.h"
#include "ringbench/stats/histogram.h"

namespace {

using ringbench::microbench::allocation_count;
using ringbench::microbench::require_no_allocations;
using ringbench::stats::Histogram;

// `count` latencies log-uniformly distributed in [lo, hi] ns, from a fixed seed.
std::vector<uint64_t> latencies(size_t count, double lo, double hi, uint64_t seed) {
  std::mt19937_64 random(seed);
  std::uniform_real_distribution<double> exponent(std::log(lo), std::log(hi));
  std::vector<uint64_t> values(count);
  for (uint64_t& v : values) v = uint64_t(std::exp(exponent(random)));
  return values;
}

Histogram filled(double lo, double hi, uint64_t seed) {
  Histogram h;
  for (uint64_t v : latencies(1'000'000, lo, hi, seed)) h.record(v);
  return h;
}

void BM_Record(benchmark::State& state) {
  // 64 Ki values (512 KiB): more than L1/L2 holds, like latencies arriving in any order.
  const std::vector<uint64_t> values = latencies(1 << 16, double(state.range(0)), double(state.range(1)), 1);
  const size_t mask = values.size() - 1;
  Histogram h;
  size_t i = 0;
  const uint64_t allocations = allocation_count();
  for (auto _ : state) {
    h.record(values[i++ & mask]);
  }
  require_no_allocations(state, allocations);
  benchmark::DoNotOptimize(h.count());
  state.SetItemsProcessed(int64_t(state.iterations()));
}
BENCHMARK(BM_Record)->ArgNames({"lo_ns", "hi_ns"})->Args({10'000, 1'000'000'000})->Args({50'000, 500'000});

void BM_Percentiles(benchmark::State& state) {
  const Histogram h = filled(double(state.range(0)), double(state.range(1)), 2);
  static constexpr double ps[] = {50, 75, 90, 95, 99, 99.9, 99.99};
  const uint64_t allocations = allocation_count();
  for (auto _ : state) {
    for (double p : ps) benchmark::DoNotOptimize(h.percentile(p));
    benchmark::DoNotOptimize(h.min());
    benchmark::DoNotOptimize(h.max());
    benchmark::DoNotOptimize(h.mean());
    benchmark::DoNotOptimize(h.stdev());
  }
  require_no_allocations(state, allocations);
  state.SetItemsProcessed(int64_t(state.iterations()));  // percentile sets
}
BENCHMARK(BM_Percentiles)->ArgNames({"lo_ns", "hi_ns"})->Args({10'000, 1'000'000'000})->Args({50'000, 500'000});

void BM_Merge(benchmark::State& state) {
  Histogram into = filled(double(state.range(0)), double(state.range(1)), 3);
  const Histogram worker = filled(double(state.range(0)), double(state.range(1)), 4);
  const uint64_t allocations = allocation_count();
  for (auto _ : state) {
    into.merge(worker);
    benchmark::ClobberMemory();
  }
  require_no_allocations(state, allocations);
  benchmark::DoNotOptimize(into.count());
  state.SetItemsProcessed(int64_t(state.iterations()));  // merges
}
BENCHMARK(BM_Merge)->ArgNames({"lo_ns", "hi_ns"})->Args({10'000, 1'000'000'000})->Args({50'000, 500'000});

}  // namespace

int main(int argc, char** argv) { return ringbench::microbench::run_benchmarks(argc, argv); }
