#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iostream>

#include "ringbench/cli/commands.h"
#include "ringbench/cli/interrupt.h"
#include "ringbench/core/duration.h"
#include "ringbench/core/error.h"
#include "ringbench/engine/engine.h"
#include "ringbench/report/json_report.h"
#include "ringbench/report/text_report.h"

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
  if (!isatty(STDERR_FILENO)) return;
  const std::string what = config.duration ? format_duration(*config.duration) + " test"
                                           : std::to_string(*config.requests) + " requests";
  std::fprintf(stderr, "Running %s @ %s with %u connections on %zu threads\n", what.c_str(), config.url.c_str(),
               config.concurrency, plan.workers.size());
}

}  // namespace

int run_benchmark(const Config& asked) {
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
  announce(config, plan);

  const stats::RunResult result = engine::run(plan, stop);

  if (config.output == OutputFormat::json) {
    std::cout << report::to_json(config, result).dump(2) << '\n';
  } else {
    report::write_text(std::cout, config, result);
  }
  std::cout.flush();
  if (json_file.is_open()) {
    json_file << report::to_json(config, result).dump(2) << '\n';
    json_file.close();
    if (!json_file) throw_cannot_run("--json-path: writing '" + config.json_path + "' failed");
  }
  return result.interrupted ? int(ExitCode::interrupted) : int(ExitCode::ok);
}

}  // namespace ringbench::cli
