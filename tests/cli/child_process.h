#pragma once
// Runs the ringbench binary as a child process and captures its exit code, stdout and stderr.
#include <string>
#include <vector>

namespace ringbench::testing {

struct ChildResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// `interrupt_after_ms` > 0 sends SIGINT to the child after that many milliseconds.
ChildResult run_ringbench(const std::vector<std::string>& args, int interrupt_after_ms = 0);

}  // namespace ringbench::testing
