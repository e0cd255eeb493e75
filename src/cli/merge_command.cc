// `ringbench merge A.json B.json …`: the clients of one test as one report (report/merge.h),
// printed, written and gated like a run's.
#include <algorithm>
#include <iostream>
#include <optional>

#include "atomic_file.h"
#include "report_file.h"
#include "ringbench/cli/commands.h"
#include "ringbench/cli/terminal.h"
#include "ringbench/core/error.h"
#include "ringbench/report/html_report.h"
#include "ringbench/report/merge.h"
#include "ringbench/report/text_report.h"

namespace ringbench::cli {
namespace {

std::vector<report::ClientRun> read_clients(const std::vector<std::string>& paths,
                                            std::vector<nlohmann::ordered_json>& docs) {
  std::vector<report::ClientRun> runs;
  for (const std::string& path : paths) {
    docs.push_back(read_json_report(path, "merge"));
    runs.push_back(report::read_client_run(docs.back(), path));
  }
  return runs;
}

// Open loop against closed loop is refused even with --force; other differences only without it.
std::optional<int> refuse_other_tests(const report::TestCheck& test, bool force) {
  if (!test.loop_mismatch.empty()) {
    std::cerr << "ringbench: merge: not the same test: " << test.loop_mismatch << " (--force cannot override this)\n";
    return int(ExitCode::not_comparable);
  }
  if (test.differences.empty()) return std::nullopt;
  if (!force) {
    std::cerr << "ringbench: merge: not the same test: " << test.differences.front()
              << (test.differences.size() > 1 ? " (and " + std::to_string(test.differences.size() - 1) + " more)" : "")
              << " (use --force)\n";
    return int(ExitCode::not_comparable);
  }
  for (const std::string& d : test.differences) std::cerr << "ringbench: merge: merged despite " << d << " (--force)\n";
  return std::nullopt;
}

}  // namespace

int run_merge(const MergeArgs& args) {
  const Presentation& p = args.presentation;
  std::optional<AtomicFile> json_file, html_file;  // before the work: a bad path fails first
  if (!p.json_path.empty()) json_file.emplace(p.json_path, "--json-path");
  if (!p.html_path.empty()) html_file.emplace(p.html_path, "--html-path");
  std::vector<nlohmann::ordered_json> docs;
  const std::vector<report::ClientRun> runs = read_clients(args.inputs, docs);
  if (const auto refused = refuse_other_tests(report::check_same_test(docs, args.inputs), args.force)) return *refused;

  const report::MergedRun merged = report::merge_runs(runs);
  report::ReportOptions options = p.report;
  options.style = p.output == OutputFormat::text ? style_for_stdout(p.no_color) : report::Style{};
  options.thresholds = report::evaluate_thresholds(p.thresholds, merged.result);
  if (!merged.windows_apart.empty()) std::cerr << "ringbench: merge: warning: " << merged.windows_apart << '\n';
  const nlohmann::ordered_json doc = report::merged_json(merged, options);
  if (p.output == OutputFormat::json) {
    std::cout << doc.dump(2) << '\n';
  } else {
    report::write_text(std::cout, merged.config, merged.result, options);
    std::cout << '\n';
    report::write_merge_text(std::cout, merged);
  }
  std::cout.flush();
  if (json_file) json_file->commit(doc.dump(2) + '\n');
  if (html_file) html_file->commit(report::run_html(doc));
  const bool gates_pass = std::all_of(options.thresholds.begin(), options.thresholds.end(),
                                      [](const report::ThresholdResult& t) { return t.pass; });
  return gates_pass ? int(ExitCode::ok) : int(ExitCode::threshold_failed);
}

}  // namespace ringbench::cli
