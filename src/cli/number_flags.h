#pragma once
// Validators for numeric flags, run on the text before CLI11 converts it, so an out-of-range
// or malformed number gets our one-line message ("--port: 70000 is not a port (0-65535)")
// instead of CLI11's "Could not convert: --port = 70000".
#include <CLI/CLI.hpp>

#include <cstdint>

namespace ringbench::cli {

// Digits only, from `min` to `max`.
CLI::Validator whole_number(uint64_t min, uint64_t max);

// A whole number of at least 1 (-n), and one that also fits 32 bits (-c, --threads, ...).
extern const CLI::Validator positive;
extern const CLI::Validator positive_u32;

// A TCP port; 0 lets the kernel pick a free one (serve --port).
extern const CLI::Validator port_number;

// A plain decimal number ("0.95", "25", "-1"): the range is checked where the value is used.
extern const CLI::Validator decimal_number;

}  // namespace ringbench::cli
