#pragma once
// The subcommands, each returning the process exit code.
#include "ringbench/core/config.h"
#include "ringbench/serve/server.h"

namespace ringbench::cli {

int run_benchmark(const Config& config);
int run_server(const serve::ServerOptions& options);

}  // namespace ringbench::cli
