#pragma once
// argv -> what to do. The only place that knows about flags.
#include <optional>
#include <string>

#include "ringbench/core/config.h"
#include "ringbench/serve/server.h"

namespace ringbench::cli {

struct Command {
  enum class Kind { benchmark, serve, exit_now } kind = Kind::benchmark;
  Config config;                // benchmark
  serve::ServerOptions serve;   // serve
  int exit_code = 0;            // exit_now: --help / --version already printed
};

// Throws Error(usage) with a one-line message for a bad flag, URL, duration or size.
Command parse_command_line(int argc, const char* const* argv);

}  // namespace ringbench::cli
