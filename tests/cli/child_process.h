#pragma once
// Runs the ringbench binary as a child process and captures its exit code, stdout and stderr.
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace ringbench::testing {

struct ChildResult {
  int exit_code = -1;       // the child's exit status; -1 when a signal killed it
  int killed_by = 0;        // the signal that killed the child; 0 when it exited
  std::string out;
  std::string err;
};

// Decides from what the child printed so far (or the test's own state) that it is time to
// interrupt it. Checked every 20 ms; a readiness condition, never a fixed delay.
using InterruptCondition = std::function<bool(const ChildResult& so_far)>;

struct ChildOptions {
  InterruptCondition interrupt_when;  // set: send SIGINT once, when it first returns true
  long nofile_limit = 0;       // > 0: the child's RLIMIT_NOFILE, soft and hard
  bool terminal = false;       // stdout and stderr on one pseudo-terminal (captured in `out`)
  std::vector<std::string> env;  // extra NAME=value entries
  // Non-empty: exec this command line (found on PATH) followed by the arguments instead of the
  // binary itself; it must exec "$RINGBENCH" in the end (e.g. unshare with a private /etc/hosts).
  std::vector<std::string> launcher;
  // Called with the output so far whenever more arrives, until it returns non-zero: that
  // signal is then sent to the child. A test acts on what the child printed, not after a sleep.
  std::function<int(const ChildResult& so_far)> on_output;
};

// Sends `signal` once `text` has appeared on stdout.
inline ChildOptions signal_when_stdout_has(std::string text, int signal) {
  ChildOptions o;
  o.on_output = [text = std::move(text), signal](const ChildResult& r) {
    return r.out.find(text) != std::string::npos ? signal : 0;
  };
  return o;
}

inline ChildOptions interrupted_when(InterruptCondition condition) {
  ChildOptions o;
  o.interrupt_when = std::move(condition);
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

// "ringbench serve: listening on URL (..." -> URL, or "" while the line is incomplete.
inline std::string listening_url(const std::string& out) {
  constexpr std::string_view marker = "listening on ";
  const size_t at = out.find(marker);
  if (at == std::string::npos || out.find('\n', at) == std::string::npos) return "";
  const size_t begin = at + marker.size();
  return out.substr(begin, out.find(' ', begin) - begin);
}

}  // namespace ringbench::testing
