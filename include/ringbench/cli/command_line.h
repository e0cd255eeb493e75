#pragma once
// argv -> what to do. The only place that knows about flags.
#include <optional>
#include <string>
#include <vector>

#include "ringbench/core/config.h"
#include "ringbench/report/compare.h"
#include "ringbench/report/report_options.h"
#include "ringbench/report/threshold.h"
#include "ringbench/serve/server.h"
#include "ringbench/sweep/sweep_runner.h"

namespace ringbench::cli {

// Where results go is the front end's business, not the engine's: it lives here, not in Config.
enum class OutputFormat { text, json, ndjson, csv };

// How a benchmark's results are shown, beyond what the engine needs (Config).
struct Presentation {
  OutputFormat output = OutputFormat::text;  // -o: the format on stdout
  std::string json_path;                     // --json-path; empty = none
  std::string html_path;                     // --html-path; empty = none
  report::ReportOptions report;            // style is filled in from the terminal later
  std::vector<report::Threshold> thresholds;
  bool no_color = false;
  bool no_progress = false;
  std::vector<std::string> warnings;       // printed on stderr once the run is sure to start
};

struct CompareArgs {
  std::string base_path;
  std::string current_path;
  std::string html_path;  // --html-path; empty = none
  report::RegressionLimits limits;
  bool force = false;
  bool no_color = false;
};

struct SweepArgs {
  sweep::SweepRequest request;
  OutputFormat output = OutputFormat::text;  // text, json or ndjson
  std::string json_path;                     // --json-path: always JSON
  std::string html_path;                     // --html-path
  bool no_color = false;
  std::vector<std::string> warnings;         // printed on stderr before the first level
};

// `ringbench report FILE --html-path OUT`: a saved run or sweep drawn as HTML.
struct ReportArgs {
  std::string input;
  std::string html_path;
};

// `ringbench merge A.json B.json …`: several clients' run reports as one (report/merge.h).
struct MergeArgs {
  std::vector<std::string> inputs;
  Presentation presentation;  // -o text|json, --json-path, --html-path, --threshold, --slo, --hist-bins, --no-color
  bool force = false;         // merge runs of different tests anyway
};

struct Command {
  enum class Kind { benchmark, serve, compare, sweep, report, merge, exit_now } kind = Kind::benchmark;
  Config config;                // benchmark
  Presentation presentation;    // benchmark
  serve::ServerOptions serve;   // serve
  CompareArgs compare;          // compare
  SweepArgs sweep;              // sweep
  ReportArgs report;            // report
  MergeArgs merge;              // merge
  int exit_code = 0;            // exit_now: --help / --version already printed
};

// Throws Error(usage) with a one-line message for a bad flag, URL, duration, size, SLO or
// threshold expression.
Command parse_command_line(int argc, const char* const* argv);

}  // namespace ringbench::cli
