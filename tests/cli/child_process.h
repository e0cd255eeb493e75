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

struct ChildOptions {
  int interrupt_after_ms = 0;  // > 0: send SIGINT after that many milliseconds
  long nofile_limit = 0;       // > 0: the child's RLIMIT_NOFILE, soft and hard
};

ChildResult run_ringbench(const std::vector<std::string>& args, ChildOptions options = {});

}  // namespace ringbench::testing
