#pragma once
// Load that changes during a run (--stages): "10s:1000,30s:5000,10s:0" is three stages, each
// ramping linearly from the previous target to its own over its duration (the first from the
// starting level). In open loop the targets are request rates, in closed loop numbers of
// active connections (k6's ramping arrival rate and ramping VUs).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ringbench/core/clock.h"

namespace ringbench {

struct Stage {
  Nanos duration{};
  double target = 0;

  bool operator==(const Stage&) const = default;
};

// A plain decimal with an optional k (x1000) or M (x1,000,000) suffix: "2000", "50k", "1.5M".
// nullopt when `text` is anything else.
std::optional<double> read_scaled_number(std::string_view text);

// "D:T[,D:T...]": D in the duration grammar (a bare number is seconds), T a scaled number.
// Throws Error(usage) naming `what` on malformed input, an empty list or a zero duration.
std::vector<Stage> parse_stages(std::string_view text, std::string_view what);

// The printed form, which parse_stages reads back to the same stages: "10s:1000,30s:5000".
std::string format_stages(const std::vector<Stage>& stages);

// The sum of the stages' durations: how long a staged run lasts.
Nanos stages_duration(const std::vector<Stage>& stages);

// The mean level over the stages when they ramp from `start`: what a staged rate run asks for
// on average (the integral over the total duration). `start` for no stages.
double stages_mean_level(double start, const std::vector<Stage>& stages);

}  // namespace ringbench
