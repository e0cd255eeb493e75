#pragma once
// The live progress line on stderr: ASCII only, one line, redrawn in place by the caller.
#include <array>
#include <cstdint>
#include <optional>
#include <string>

#include "ringbench/stats/counters.h"

namespace ringbench::report {

struct ProgressSnapshot {
  double elapsed_s = 0;
  std::optional<double> duration_s;    // -z
  std::optional<uint64_t> requests;    // -n
  uint64_t responses = 0;
  std::array<uint64_t, stats::error_class_count> errors{};
  double current_rps = 0;              // over the last redraw interval
  int64_t open_connections = 0;
  int64_t in_flight = 0;
};

// e.g. "[=========>          ]  4.2s/10s  120431 req/s (avg 118002)  errors: timeout 3  open 100  in flight 100"
std::string progress_line(const ProgressSnapshot& s, unsigned width = 100);

}  // namespace ringbench::report
