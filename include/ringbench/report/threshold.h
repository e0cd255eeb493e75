#pragma once
// CI gates: --threshold "p99 < 20ms" (repeatable). Exit 4 when any fails.
#include <string>
#include <string_view>
#include <vector>

#include "ringbench/stats/run_result.h"

namespace ringbench::report {

enum class Metric : uint8_t { p50, p75, p90, p95, p99, p99_9, p99_99, mean, max, rps, error_rate, non2xx_rate,
                            failed_rate };
enum class Comparison : uint8_t { less, less_equal, greater, greater_equal };

struct Threshold {
  std::string text;   // as the user wrote it, for the report
  Metric metric = Metric::p99;
  Comparison comparison = Comparison::less;
  double limit = 0;   // latency metrics in ns, rps in 1/s, rates as a fraction (5% -> 0.05)
};

// "p99 < 20ms", "rps>=50000", "error_rate <= 1%", "mean<1.5ms". Units: ns us ms s for latency
// metrics (required), % or a bare fraction for rates, none for rps. Throws Error(usage).
// The rates are stats::OutcomeCounts' (each over all requests): error_rate transport errors,
// non2xx_rate non-2xx responses, failed_rate transport errors + 4xx + 5xx.
Threshold parse_threshold(std::string_view expression);

struct ThresholdResult {
  Threshold threshold;
  double measured = 0;  // same unit as limit
  bool pass = false;
};

std::vector<ThresholdResult> evaluate_thresholds(const std::vector<Threshold>& thresholds,
                                                 const stats::RunResult& result);

// "12.3ms", "48213 req/s", "0.42%": the measured value in the metric's natural unit.
std::string format_measured(const ThresholdResult& r);

}  // namespace ringbench::report
