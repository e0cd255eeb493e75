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
  bool terminal = false;       // stdout and stderr on one pseudo-terminal (captured in `out`)
  std::vector<std::string> env;  // extra NAME=value entries
  // Non-empty: exec this command line (found on PATH) followed by the arguments instead of the
  // binary itself; it must exec "$RINGBENCH" in the end (e.g. unshare with a private /etc/hosts).
  std::vector<std::string> launcher;
};

inline ChildOptions interrupted_after(int ms) {
  ChildOptions o;
  o.interrupt_after_ms = ms;
  return o;
}
inline ChildOptions with_nofile_limit(long limit) {
  ChildOptions o;
  o.nofile_limit = limit;
  return o;
}
inline ChildOptions on_terminal(std::vector<std::string> env = {}) {
  ChildOptions o;
  o.terminal = true;
  o.env = std::move(env);
  return o;
}
inline ChildOptions with_env(std::vector<std::string> env) {
  ChildOptions o;
  o.env = std::move(env);
  return o;
}

ChildResult run_ringbench(const std::vector<std::string>& args, ChildOptions options = {});

}  // namespace ringbench::testing
