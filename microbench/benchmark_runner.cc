#include "benchmark_runner.h"

#include <benchmark/benchmark.h>

#include <cstdio>
#include <memory>
#include <vector>

namespace ringbench::microbench {
namespace {

// Passes everything to the reporter --benchmark_format asked for, counting failed runs.
class ErrorCountingReporter final : public benchmark::BenchmarkReporter {
 public:
  explicit ErrorCountingReporter(benchmark::BenchmarkReporter* display) : display_(display) {}

  bool ReportContext(const Context& context) override { return display_->ReportContext(context); }
  void ReportRuns(const std::vector<Run>& runs) override {
    for (const Run& run : runs) errors_ += run.error_occurred ? 1 : 0;
    display_->ReportRuns(runs);
  }
  void Finalize() override { display_->Finalize(); }

  int errors() const noexcept { return errors_; }

 private:
  std::unique_ptr<benchmark::BenchmarkReporter> display_;
  int errors_ = 0;
};

}  // namespace

int run_benchmarks(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  ErrorCountingReporter reporter(benchmark::CreateDefaultDisplayReporter());
  benchmark::RunSpecifiedBenchmarks(&reporter);
  benchmark::Shutdown();
  if (reporter.errors() > 0) {
    std::fprintf(stderr, "%d benchmark(s) reported an error\n", reporter.errors());
    return 1;
  }
  return 0;
}

}  // namespace ringbench::microbench
