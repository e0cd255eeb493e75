#pragma once
// The subcommands, each returning the process exit code.
#include "ringbench/cli/command_line.h"

namespace ringbench::cli {

int run_benchmark(const Config& config, const Presentation& presentation);
int run_server(const serve::ServerOptions& options);
int run_compare(const CompareArgs& args);
int run_sweep_command(const SweepArgs& args);
int run_report(const ReportArgs& args);
int run_merge(const MergeArgs& args);

}  // namespace ringbench::cli
