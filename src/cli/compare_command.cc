#include <fstream>
#include <iostream>
#include <sstream>

#include "ringbench/cli/commands.h"
#include "ringbench/cli/terminal.h"
#include "ringbench/core/error.h"

namespace ringbench::cli {
namespace {

nlohmann::ordered_json read_report(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw_usage("compare: cannot read '" + path + "'");
  try {
    return nlohmann::ordered_json::parse(in);
  } catch (const nlohmann::json::exception& e) {
    throw_usage("compare: '" + path + "' is not JSON (" + std::string(e.what()) + ")");
  }
}

}  // namespace

int run_compare(const CompareArgs& args) {
  const nlohmann::ordered_json base = read_report(args.base_path);
  const nlohmann::ordered_json current = read_report(args.current_path);
  const report::CompareOutcome outcome =
      report::compare_runs(std::cout, base, current, args.limits, style_for_stdout(args.no_color), args.force);
  std::cout.flush();
  switch (outcome.verdict) {
    case report::CompareVerdict::ok: return int(ExitCode::ok);
    case report::CompareVerdict::regressed: return int(ExitCode::regressed);
    case report::CompareVerdict::not_comparable:
      std::cerr << "ringbench: compare: runs are not comparable: " << outcome.reason
                << (outcome.forceable ? " (use --force)\n" : " (--force cannot override this)\n");
      return int(ExitCode::not_comparable);
  }
  return int(ExitCode::ok);
}

}  // namespace ringbench::cli
