#pragma once
// `ringbench sweep`: its flags and their conversion into a SweepRequest.
#include <CLI/CLI.hpp>

#include <string>

#include "ringbench/cli/command_line.h"
#include "request_flags.h"

namespace ringbench::cli {

// Raw text, converted after parsing so every bad value gets our one-line message.
struct SweepFlags {
  RequestFlags request;
  std::string conc = "auto", warmup = "1s", duration, output = "text", pick = "power";
  std::string vs_method, vs_body, vs_content_type;
  std::string settle_max = "5s";
  std::string rate, slo, arrivals;  // --rate LO..HI: the capacity search (rate_flags.cc)
  uint32_t connections = 0;         // -c, with --rate only
};

CLI::App* add_sweep_subcommand(CLI::App& app, SweepArgs& args, SweepFlags& raw);

// Throws Error(usage) for a bad level spec, threshold, duration, URL or reference file, and for
// --rate's (finish_rate_sweep).
void finish_sweep(SweepArgs& args, const SweepFlags& raw, const CLI::App& sweep);

}  // namespace ringbench::cli
