// `ringbench report FILE --html-path OUT`: a saved run or sweep, drawn long after it ran.
#include "atomic_file.h"
#include "report_file.h"
#include "ringbench/cli/commands.h"
#include "ringbench/core/error.h"
#include "ringbench/report/html_report.h"

namespace ringbench::cli {

int run_report(const ReportArgs& args) {
  AtomicFile html_file(args.html_path, "--html-path");
  html_file.commit(report::document_html(read_json_report(args.input, "report")));
  return int(ExitCode::ok);
}

}  // namespace ringbench::cli
