#include <iostream>
#include <optional>
#include <sstream>

#include "atomic_file.h"
#include "report_file.h"
#include "ringbench/cli/commands.h"
#include "ringbench/cli/terminal.h"
#include "ringbench/core/error.h"
#include "ringbench/report/html_report.h"

namespace ringbench::cli {

int run_compare(const CompareArgs& args) {
  std::optional<AtomicFile> html_file;  // before the work: a bad path fails first
  if (!args.html_path.empty()) html_file.emplace(args.html_path, "--html-path");
  const nlohmann::ordered_json base = read_json_report(args.base_path, "compare");
  const nlohmann::ordered_json current = read_json_report(args.current_path, "compare");
  const report::CompareOutcome outcome =
      report::compare_runs(std::cout, base, current, args.limits, style_for_stdout(args.no_color), args.force);
  std::cout.flush();
  if (html_file) {
    std::ostringstream verdict;  // the same judgement, without colours, for the page
    report::compare_runs(verdict, base, current, args.limits, report::Style{}, args.force);
    if (outcome.verdict == report::CompareVerdict::not_comparable) verdict << "Not comparable: " << outcome.reason << '\n';
    html_file->commit(report::compare_html(base, current, verdict.str()));
  }
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
