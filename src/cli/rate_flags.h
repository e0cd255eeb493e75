#pragma once
// `ringbench sweep --rate LO..HI --slo ...`: the capacity search's flags (--rate, --slo,
// --arrivals, -c) and the checks that keep the concurrency sweep's flags out of it.
#include <CLI/CLI.hpp>

#include <string_view>
#include <utility>

#include "ringbench/sweep/sweep_result.h"

namespace ringbench::cli {

struct SweepFlags;

void add_rate_flags(CLI::App& sweep, SweepFlags& raw);

// "500..5k" -> {500, 5000}: each end in the grammar of a run's --rate (parse_rate), LO < HI.
// Throws Error(usage) with a one-line message naming --rate.
std::pair<double, double> parse_rate_range(std::string_view text);

// With --rate: sets p.rate (range, SLO, connections, arrivals) and the search's level budget,
// and refuses the flags that mean nothing to a capacity search. Without it: refuses --slo,
// --arrivals and -c, which only the capacity search reads. Throws Error(usage).
void finish_rate_sweep(sweep::SweepParams& p, const SweepFlags& raw, const CLI::App& sweep);

}  // namespace ringbench::cli
