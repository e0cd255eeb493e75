#pragma once
// The main() of every microbenchmark: Google Benchmark's usual command line and output, except
// that the exit status is 1 when a benchmark reported an error (SkipWithError), so the smoke
// run under `meson test` fails instead of printing an error and passing.
namespace ringbench::microbench {

int run_benchmarks(int argc, char** argv);

}  // namespace ringbench::microbench
