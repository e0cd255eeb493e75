// Rendering the reports of a large run: 10 million responses spread over 30 us..5 s (a
// log-normal body and a long tail), every status class, every error class, all four phases,
// 60 one-second intervals, SLO targets and thresholds.
//  - WriteText/<color>: report::write_text into a string stream, plain ASCII or ANSI colour +
//    Unicode bars (what a terminal gets);
//  - ToJson: report::to_json (the document); ToJsonDump: to_json and dump(2), i.e. what
//    --json-path writes.
// Once per run, not per request: allocations are reported but not required to be 0.
// Run: build/microbench/report_bench --benchmark_counters_tabular=true
#include <benchmark/benchmark.h>

#include <cmath>
#include <random>
#include <sstream>
#include <string>

#include "alloc_counter.h"
#include "benchmark_runner.h"
#include "ringbench/core/config.h"
#include "ringbench/report/json_report.h"
#include "ringbench/report/report_options.h"
#include "ringbench/report/slo.h"
#include "ringbench/report/text_report.h"
#include "ringbench/report/threshold.h"
#include "ringbench/stats/run_result.h"

namespace {

using namespace ringbench;
using microbench::allocation_count;
using microbench::report_allocations;

constexpr uint64_t responses = 10'000'000;
constexpr int seconds = 60;

stats::RunResult large_run() {
  stats::RunResult r;
  r.duration_s = seconds;
  r.threads = 2;
  r.concurrency = 1000;
  std::mt19937_64 random(42);
  // Mostly around 1 ms (log-normal, sigma 0.8), 1 % slow tail 50 ms..5 s, a few very fast hits.
  std::lognormal_distribution<double> body(std::log(1e6), 0.8);
  std::uniform_real_distribution<double> tail(std::log(5e7), std::log(5e9));
  std::uniform_real_distribution<double> unit(0, 1);
  stats::WorkerStats& t = r.totals;
  stats::Histogram second;
  uint64_t per_second = responses / seconds;
  for (uint64_t i = 0; i < responses; ++i) {
    const double u = unit(random);
    const double v = u < 0.01 ? std::exp(tail(random)) : u < 0.02 ? 30'000 + 10'000 * unit(random) : body(random);
    t.latency.record(uint64_t(v));
    second.record(uint64_t(v));
    if ((i + 1) % per_second == 0 && r.intervals.size() < seconds) {
      stats::IntervalSummary s;
      s.index = uint32_t(r.intervals.size());
      s.start_s = s.index;
      s.end_s = s.index + 1;
      s.responses = second.count();
      s.errors = {s.index % 3, 0, s.index % 7 == 0, 0, 0};
      s.p50_ns = second.percentile(50);
      s.p90_ns = second.percentile(90);
      s.p99_ns = second.percentile(99);
      s.max_ns = second.max();
      r.intervals.push_back(s);
      second.reset();
    }
    t.phases.wait.record(uint64_t(v * 0.9));
    t.phases.read.record(1'000 + i % 20'000);
  }
  for (int i = 0; i < 2000; ++i) t.phases.connect.record(40'000 + uint64_t(i) * 30);
  stats::Counters& c = t.counters;
  c.responses = responses;
  const int codes[] = {200, 201, 204, 206, 301, 302, 304, 400, 401, 403, 404, 409, 429, 500, 502, 503, 504};
  uint64_t left = responses;
  for (int code : codes) {
    const uint64_t n = code == 200 ? 0 : responses / 200;
    c.status[code - stats::min_status] = n;
    left -= n;
  }
  c.status[200 - stats::min_status] = left;
  c.bytes_read = responses * 180;
  c.bytes_written = responses * 90;
  c.body_bytes = responses * 2;
  c.connections = 1000 + 150;
  c.reconnects = 150;
  c.errors = {12, 40, 150, 3, 1};
  c.first_error = {"connect: Connection refused", "request: no response within 2s",
                   "recv: Connection reset by peer", "invalid chunk size", "tls: handshake failed"};
  return r;
}

const stats::RunResult& run_result() {
  static const stats::RunResult result = large_run();
  return result;
}

Config run_config() {
  Config config;
  config.url = "http://127.0.0.1:8080/api/v1/items";
  config.concurrency = 1000;
  config.duration = std::chrono::seconds(seconds);
  config.threads = 2;
  return config;
}

report::ReportOptions options(bool color) {
  report::ReportOptions o;
  o.style = {.color = color, .unicode = color};
  o.slo = report::parse_slo("p50=2ms,p95=20ms,p99=100ms,p99.9=1s");
  o.thresholds = report::evaluate_thresholds(
      {report::parse_threshold("p99 < 50ms"), report::parse_threshold("error_rate <= 1%"),
       report::parse_threshold("rps >= 100000")},
      run_result());
  return o;
}

void BM_WriteText(benchmark::State& state) {
  const stats::RunResult& result = run_result();
  const Config config = run_config();
  const report::ReportOptions opts = options(state.range(0) != 0);
  size_t bytes = 0;
  const uint64_t allocations = allocation_count();
  for (auto _ : state) {
    std::ostringstream out;
    report::write_text(out, config, result, opts);
    bytes = out.view().size();
    benchmark::DoNotOptimize(out.view().data());
  }
  report_allocations(state, allocations);
  state.counters["output_bytes"] = double(bytes);
  state.SetBytesProcessed(int64_t(state.iterations() * bytes));
}
BENCHMARK(BM_WriteText)->ArgName("color")->Arg(0)->Arg(1)->Unit(benchmark::kMicrosecond);

void BM_ToJson(benchmark::State& state) {
  const stats::RunResult& result = run_result();
  const Config config = run_config();
  const report::ReportOptions opts = options(false);
  const uint64_t allocations = allocation_count();
  for (auto _ : state) {
    const nlohmann::ordered_json doc = report::to_json(config, result, opts);
    benchmark::DoNotOptimize(&doc);
  }
  report_allocations(state, allocations);
}
BENCHMARK(BM_ToJson)->Unit(benchmark::kMicrosecond);

void BM_ToJsonDump(benchmark::State& state) {
  const stats::RunResult& result = run_result();
  const Config config = run_config();
  const report::ReportOptions opts = options(false);
  size_t bytes = 0;
  const uint64_t allocations = allocation_count();
  for (auto _ : state) {
    const std::string text = report::to_json(config, result, opts).dump(2);
    bytes = text.size();
    benchmark::DoNotOptimize(text.data());
  }
  report_allocations(state, allocations);
  state.counters["output_bytes"] = double(bytes);
  state.SetBytesProcessed(int64_t(state.iterations() * bytes));
}
BENCHMARK(BM_ToJsonDump)->Unit(benchmark::kMicrosecond);

}  // namespace

int main(int argc, char** argv) { return ringbench::microbench::run_benchmarks(argc, argv); }
