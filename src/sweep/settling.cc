#include "ringbench/sweep/settling.h"

#include <algorithm>

#include <fmt/format.h>

#include "figure_format.h"

namespace ringbench::sweep {

namespace {

constexpr double probe_responses_wanted = 20;
constexpr double min_probe_s = 0.05, max_probe_s = 0.5;
constexpr uint64_t min_probe_samples = 3;

}  // namespace

double probe_duration_s(const Measure& baseline) {
  return std::clamp(probe_responses_wanted * baseline.p50_ms / 1e3, min_probe_s, max_probe_s);
}

double settle_limit_ms(const Measure& baseline) { return std::max(baseline.p99_ms, 2 * baseline.p50_ms); }

bool settled_by(const Measure& probe, const Measure& baseline) {
  if (probe.samples < min_probe_samples) return false;
  if (baseline.p50_ms <= 0) return true;
  return probe.p50_ms <= settle_limit_ms(baseline);
}

std::string unsettled_flag(const Measure& last_probe, const Measure& baseline, double waited_s) {
  const std::string seen = last_probe.samples < min_probe_samples
                               ? fmt::format("{} responses", last_probe.samples)
                               : fmt::format("p50 {} ms", ms_text(last_probe.p50_ms));
  return fmt::format("measured on an unsettled server: a probe at c={} still had {} (limit {} ms) after {} s",
                     last_probe.concurrency, seen, ms_text(settle_limit_ms(baseline)),
                     fmt::format("{:.2f}", waited_s));
}

}  // namespace ringbench::sweep
