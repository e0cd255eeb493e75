// `ringbench sweep`: runs the levels, shows each as it finishes, then the table and the pick.
#include <cstdio>
#include <iostream>
#include <optional>

#include "ringbench/cli/commands.h"
#include "ringbench/cli/interrupt.h"
#include "ringbench/cli/terminal.h"
#include "ringbench/core/error.h"
#include "ringbench/report/html_report.h"
#include "ringbench/sweep/sweep_json.h"
#include "ringbench/sweep/sweep_runner.h"
#include "ringbench/sweep/sweep_text.h"
#include "atomic_file.h"

namespace ringbench::cli {
namespace {

// A progress line on stderr per point (so stdout stays the report), and with -o ndjson one
// event per point on stdout as soon as it is measured.
class SweepDisplay : public sweep::SweepObserver {
 public:
  explicit SweepDisplay(bool ndjson) : ndjson_(ndjson) {}

  void on_baseline(const sweep::Point& baseline) override {
    std::fprintf(stderr, "%s\n", sweep::baseline_progress_line(baseline).c_str());
    if (ndjson_) std::cout << sweep::baseline_event(baseline).dump() << std::endl;
  }

  void on_point(const sweep::Point& point, size_t index, size_t total) override {
    std::fprintf(stderr, "%s\n", sweep::point_progress_line(point, index, total).c_str());
    if (ndjson_) std::cout << sweep::point_event(point).dump() << std::endl;
  }

  void on_rate_point(const sweep::RatePoint& point, size_t index) override {
    std::fprintf(stderr, "%s\n", sweep::rate_progress_line(point, index).c_str());
    if (ndjson_) std::cout << sweep::rate_point_event(point).dump() << std::endl;
  }

 private:
  bool ndjson_;
};

void print(const SweepArgs& args, const sweep::SweepResult& result) {
  switch (args.output) {
    case OutputFormat::json: std::cout << sweep::to_json(result).dump(2) << '\n'; break;
    case OutputFormat::ndjson:
      std::cout << (result.params.rate_mode() ? sweep::capacity_event(result) : sweep::sweet_spot_event(result)).dump()
                << '\n';
      break;
    default: sweep::write_sweep_text(std::cout, result, style_for_stdout(args.no_color)); break;
  }
  std::cout.flush();
}

}  // namespace

int run_sweep_command(const SweepArgs& args) {
  const std::atomic<bool>& stop = install_interrupt_flag();
  std::optional<AtomicFile> json_file;
  if (!args.json_path.empty()) json_file.emplace(args.json_path, "--json-path");
  std::optional<AtomicFile> html_file;
  if (!args.html_path.empty()) html_file.emplace(args.html_path, "--html-path");
  // After the last usage check, so that a usage error stays the one line on stderr.
  for (const std::string& w : args.warnings) std::fprintf(stderr, "ringbench: warning: %s\n", w.c_str());
  SweepDisplay display(args.output == OutputFormat::ndjson);
  const sweep::SweepResult result = sweep::run_sweep(args.request, stop, &display);
  print(args, result);
  if (json_file) json_file->commit(sweep::to_json(result).dump(2) + '\n');
  if (html_file) html_file->commit(report::sweep_html(sweep::to_json(result)));
  if (result.interrupted) return int(ExitCode::interrupted);
  // sweep --rate: even the lowest rate failed the SLO, which CI must notice like a fallback.
  if (result.params.rate_mode()) return int(result.capacity.rate ? ExitCode::ok : ExitCode::not_comparable);
  // No level qualified: the pick is a fallback, and CI must notice (exit 5, as the issue asks).
  if (result.sweet_spot.method == "fallback" || result.sweet_spot.method == "none") {
    return int(ExitCode::not_comparable);
  }
  return int(ExitCode::ok);
}

}  // namespace ringbench::cli
