#pragma once
// The one error type of ringbench: a message for the user plus the exit code it maps to.
#include <stdexcept>
#include <string>

namespace ringbench {

// Process exit codes (README "Exit codes").
enum class ExitCode : int {
  ok = 0,
  usage = 2,        // bad flag, URL, duration, size
  cannot_run = 3,   // no connection could be opened, fd limit, ring setup failed
  regressed = 3,    // compare: a regression beyond its limit
  threshold_failed = 4,  // a --threshold gate failed (the report was still printed)
  not_comparable = 5,    // compare: the two runs differ in URL, method or mode
  interrupted = 130 // SIGINT / SIGTERM
};

class Error : public std::runtime_error {
 public:
  Error(ExitCode code, const std::string& message);
  ExitCode code() const noexcept { return code_; }

 private:
  ExitCode code_;
};

// Shorthands for the two common kinds.
[[noreturn]] void throw_usage(const std::string& message);
[[noreturn]] void throw_cannot_run(const std::string& message);

}  // namespace ringbench
