#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <optional>

#include "ringbench/cli/commands.h"
#include "ringbench/cli/interrupt.h"
#include "ringbench/cli/terminal.h"
#include "ringbench/core/duration.h"
#include "ringbench/core/error.h"
#include "ringbench/engine/engine.h"
#include "ringbench/report/csv_report.h"
#include "ringbench/report/html_report.h"
#include "ringbench/report/json_report.h"
#include "ringbench/report/run_context.h"
#include "ringbench/report/text_report.h"
#include "atomic_file.h"
#include "run_display.h"

namespace ringbench::cli {
namespace {

void announce(const Config& config, const engine::Plan& plan) {
  if (!stderr_is_terminal()) return;
  const std::string what = config.duration ? format_duration(*config.duration) + " test"
                                           : std::to_string(*config.requests) + " requests";
  const std::string rate =
      config.rate ? fmt::format(" at {} requests/s (open loop)", *config.rate >= 100 ? fmt::format("{:.0f}", *config.rate)
                                                                                      : fmt::format("{:g}", *config.rate))
                  : "";
  const std::string start =
      config.start_at ? "; the clock starts at " + report::utc_timestamp(*config.start_at) + " (--start-at)" : "";
  std::fprintf(stderr, "Running %s @ %s%s with %u connections on %zu threads%s\n", what.c_str(), config.url.c_str(),
               rate.c_str(), config.concurrency, plan.workers.size(), start.c_str());
}

// Only once the run is sure to start, so that a usage error is the one line on stderr.
void print_warnings(const engine::Plan& plan, const std::vector<std::string>& warnings) {
  for (const std::string& w : warnings) std::fprintf(stderr, "ringbench: warning: %s\n", w.c_str());
  for (const std::string& w : plan.warnings) std::fprintf(stderr, "ringbench: warning: %s\n", w.c_str());
}

// With the report it explains, never before an error (a run that could not start at all).
void note_lowered_concurrency(const Config& asked, const Config& config) {
  if (config.concurrency == asked.concurrency) return;
  std::fprintf(stderr, "ringbench: note: -c %u lowered to -n %u (more connections would stay idle)\n",
               asked.concurrency, config.concurrency);
}

void print_report(OutputFormat output, const Config& config, const stats::RunResult& result,
                  const report::ReportOptions& options) {
  switch (output) {
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
  // More connections than requests would only idle.
  if (config.requests && config.concurrency > *config.requests) config.concurrency = uint32_t(*config.requests);
  const std::atomic<bool>& stop = install_interrupt_flag();
  std::optional<AtomicFile> json_file;  // before the run: a bad path fails in a second
  if (!presentation.json_path.empty()) json_file.emplace(presentation.json_path, "--json-path");
  std::optional<AtomicFile> html_file;
  if (!presentation.html_path.empty()) html_file.emplace(presentation.html_path, "--html-path");
  const engine::Plan plan = engine::make_plan(config);
  engine::ensure_fd_limit(plan);
  print_warnings(plan, presentation.warnings);
  report::ReportOptions options = presentation.report;
  options.style = presentation.output == OutputFormat::text ? style_for_stdout(presentation.no_color) : report::Style{};
  const bool progress = !presentation.no_progress && stderr_is_terminal();
  if (progress) announce(config, plan);

  RunDisplay display(config, progress, presentation.output == OutputFormat::ndjson ? &std::cout : nullptr);
  const stats::RunResult result = engine::run(plan, stop, &display);
  display.clear();

  options.thresholds = report::evaluate_thresholds(presentation.thresholds, result);
  print_report(presentation.output, config, result, options);
  // A run that reached nothing measured nothing: its report (above) shows what was tried, but
  // it must not replace a saved report, such as a compare baseline, at --json-path.
  const auto unreachable = result.interrupted ? std::nullopt : engine::unreachable_reason(result);
  if (!unreachable && (json_file || html_file)) {
    const nlohmann::ordered_json doc = report::to_json(config, result, options);
    if (json_file) json_file->commit(doc.dump(2) + '\n');
    if (html_file) html_file->commit(report::run_html(doc));
  }
  if (!unreachable) note_lowered_concurrency(asked, config);  // an error is the one line then
  if (result.interrupted) return int(ExitCode::interrupted);
  if (unreachable) {
    std::fprintf(stderr, "ringbench: %s\n", unreachable->c_str());
    return int(ExitCode::cannot_run);
  }
  const bool gates_pass = std::all_of(options.thresholds.begin(), options.thresholds.end(),
                                      [](const report::ThresholdResult& t) { return t.pass; });
  return gates_pass ? int(ExitCode::ok) : int(ExitCode::threshold_failed);
}

}  // namespace ringbench::cli
