#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iostream>

#include "ringbench/cli/commands.h"
#include "ringbench/cli/interrupt.h"
#include "ringbench/cli/terminal.h"
#include "ringbench/core/duration.h"
#include "ringbench/core/error.h"
#include "ringbench/engine/engine.h"
#include "ringbench/report/csv_report.h"
#include "ringbench/report/json_report.h"
#include "ringbench/report/text_report.h"
#include "run_display.h"

namespace ringbench::cli {
namespace {

// Opened before the run so a bad path fails in a second, not after a ten-minute run.
std::ofstream open_json_file(const std::string& path) {
  std::ofstream out;
  if (path.empty()) return out;
  out.open(path, std::ios::trunc);
  if (!out) throw_usage("--json-path: cannot write '" + path + "'");
  return out;
}

void announce(const Config& config, const engine::Plan& plan) {
  if (!stderr_is_terminal()) return;
  const std::string what = config.duration ? format_duration(*config.duration) + " test"
                                           : std::to_string(*config.requests) + " requests";
  std::fprintf(stderr, "Running %s @ %s with %u connections on %zu threads\n", what.c_str(), config.url.c_str(),
               config.concurrency, plan.workers.size());
}

void print_report(const Config& config, const stats::RunResult& result, const report::ReportOptions& options) {
  switch (config.output) {
    case OutputFormat::text: report::write_text(std::cout, config, result, options); break;
    case OutputFormat::json: std::cout << report::to_json(config, result, options).dump(2) << '\n'; break;
    case OutputFormat::ndjson: std::cout << report::to_json(config, result, options).dump() << '\n'; break;
    case OutputFormat::csv: report::write_csv(std::cout, config, result); break;
  }
  std::cout.flush();
}

}  // namespace

int run_benchmark(const Config& asked, const Presentation& presentation) {
  Config config = asked;
  if (config.requests && config.concurrency > *config.requests) {
    std::fprintf(stderr, "ringbench: note: -c %u lowered to -n %llu (more connections would stay idle)\n",
                 config.concurrency, static_cast<unsigned long long>(*config.requests));
    config.concurrency = uint32_t(*config.requests);
  }
  const std::atomic<bool>& stop = install_interrupt_flag();
  std::ofstream json_file = open_json_file(config.json_path);
  const engine::Plan plan = engine::make_plan(config);
  for (const std::string& w : plan.warnings) std::fprintf(stderr, "ringbench: warning: %s\n", w.c_str());
  engine::ensure_fd_limit(plan);
  report::ReportOptions options = presentation.report;
  options.style = config.output == OutputFormat::text ? style_for_stdout(presentation.no_color) : report::Style{};
  const bool progress = !presentation.no_progress && stderr_is_terminal();
  if (progress) announce(config, plan);

  RunDisplay display(config, progress, config.output == OutputFormat::ndjson ? &std::cout : nullptr);
  const stats::RunResult result = engine::run(plan, stop, &display);
  display.clear();

  options.thresholds = report::evaluate_thresholds(presentation.thresholds, result);
  print_report(config, result, options);
  if (json_file.is_open()) {
    json_file << report::to_json(config, result, options).dump(2) << '\n';
    json_file.close();
    if (!json_file) throw_cannot_run("--json-path: writing '" + config.json_path + "' failed");
  }
  if (result.interrupted) return int(ExitCode::interrupted);
  if (const auto why = engine::unreachable_reason(result)) {  // the report above shows what was tried
    std::fprintf(stderr, "ringbench: %s\n", why->c_str());
    return int(ExitCode::cannot_run);
  }
  const bool gates_pass = std::all_of(options.thresholds.begin(), options.thresholds.end(),
                                      [](const report::ThresholdResult& t) { return t.pass; });
  return gates_pass ? int(ExitCode::ok) : int(ExitCode::threshold_failed);
}

}  // namespace ringbench::cli
