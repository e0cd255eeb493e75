#pragma once
// What the renderers need beyond the run itself. Built once by the cli.
#include <cstdint>
#include <string>
#include <vector>

#include "ringbench/report/slo.h"
#include "ringbench/report/style.h"
#include "ringbench/report/threshold.h"

namespace ringbench::report {

struct ReportOptions {
  Style style;
  uint32_t hist_bins = 16;                 // --hist-bins
  SloSpec slo;                             // --slo
  std::vector<ThresholdResult> thresholds; // evaluated --threshold expressions
  std::string label;                       // --label: names this client in its report; empty = none
};

}  // namespace ringbench::report
