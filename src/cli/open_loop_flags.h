#pragma once
// The open-loop flags of a plain run: --rate, --arrivals, --seed and --stages (which ramps
// closed loop too), and their conversion
// into a Config. sweep does not take them (it varies the concurrency of closed-loop runs).
#include <CLI/CLI.hpp>

#include <optional>
#include <string>
#include <string_view>

#include "ringbench/core/config.h"

namespace ringbench::cli {

// Raw text, converted after parsing so every bad value gets our one-line message.
struct OpenLoopFlags {
  std::string rate, arrivals, stages;
};

// "20000", "50k", "1.5M": requests per second, more than 0 (0 too when `zero_allowed`: the
// start of a --stages ramp) and at most 1e9 (the schedule counts in ns, so requests closer
// than 1 ns apart cannot be spaced). Throws Error(usage).
double parse_rate(std::string_view text, bool zero_allowed = false);

void add_open_loop_flags(CLI::App& app, Config& c, OpenLoopFlags& raw);

// Sets c.rate, c.arrivals and c.stages; --arrivals without --rate and --seed without --arrivals poisson
// are usage errors (they would do nothing). Throws Error(usage).
void finish_open_loop(Config& c, const OpenLoopFlags& raw, const CLI::App& app);

}  // namespace ringbench::cli
