// ringbench entry point: parse, dispatch, map errors to exit codes (README "Exit codes").
#include <cstdio>
#include <exception>

#include "ringbench/cli/command_line.h"
#include "ringbench/cli/commands.h"
#include "ringbench/core/error.h"

int main(int argc, char** argv) {
  using namespace ringbench;
  try {
    const cli::Command cmd = cli::parse_command_line(argc, argv);
    switch (cmd.kind) {
      case cli::Command::Kind::exit_now: return cmd.exit_code;
      case cli::Command::Kind::serve: return cli::run_server(cmd.serve);
      case cli::Command::Kind::compare: return cli::run_compare(cmd.compare);
      case cli::Command::Kind::sweep: return cli::run_sweep_command(cmd.sweep);
      case cli::Command::Kind::report: return cli::run_report(cmd.report);
      case cli::Command::Kind::merge: return cli::run_merge(cmd.merge);
      case cli::Command::Kind::benchmark: return cli::run_benchmark(cmd.config, cmd.presentation);
    }
  } catch (const Error& e) {
    std::fprintf(stderr, "ringbench: %s%s\n", e.what(), e.code() == ExitCode::usage ? " (see ringbench --help)" : "");
    return int(e.code());
  } catch (const std::exception& e) {
    std::fprintf(stderr, "ringbench: internal error: %s\n", e.what());
    return 1;
  }
  return 1;
}
