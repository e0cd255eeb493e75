#include "merge_intervals.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>

namespace ringbench::report {
namespace {

constexpr int64_t micros_per_second = 1'000'000;

struct Slot {
  stats::IntervalSummary summary;
  uint32_t clients_with_responses = 0;
  std::map<size_t, std::pair<double, int>> target_rates;  // per client: sum of its rates, count
};

int64_t micros_between(std::chrono::system_clock::time_point from, std::chrono::system_clock::time_point to) {
  return std::chrono::duration_cast<std::chrono::microseconds>(to - from).count();
}

void add_to(Slot& slot, const stats::IntervalSummary& i, size_t client) {
  stats::IntervalSummary& s = slot.summary;
  s.responses += i.responses;
  for (size_t e = 0; e < s.errors.size(); ++e) s.errors[e] += i.errors[e];
  if (i.responses > 0) ++slot.clients_with_responses;
  s.p50_ns = std::max(s.p50_ns, i.p50_ns);
  s.p90_ns = std::max(s.p90_ns, i.p90_ns);
  s.p99_ns = std::max(s.p99_ns, i.p99_ns);
  s.max_ns = std::max(s.max_ns, i.max_ns);
  if (i.target_rate) {
    auto& [sum, count] = slot.target_rates[client];
    sum += *i.target_rate;
    ++count;
  }
}

}  // namespace

void align_intervals(MergedRun& merged, const std::vector<ClientRun>& runs) {
  std::map<int64_t, Slot> slots;
  for (size_t c = 0; c < runs.size(); ++c) {
    const int64_t offset_us = micros_between(merged.result.started_at, runs[c].result.started_at);
    for (const stats::IntervalSummary& i : runs[c].result.intervals) {
      const int64_t start_us = offset_us + std::llround(i.start_s * 1e6);
      add_to(slots[std::max<int64_t>(0, start_us) / micros_per_second], i, c);
    }
  }
  bool any_bound = false;
  for (auto& [second, slot] : slots) {
    stats::IntervalSummary s = slot.summary;
    s.index = uint32_t(second);
    s.start_s = double(second);
    s.end_s = std::max(s.start_s, std::min(double(second + 1), merged.result.duration_s));
    if (!slot.target_rates.empty()) {
      double total = 0;
      for (const auto& [client, rate] : slot.target_rates) total += rate.first / rate.second;
      s.target_rate = total;
    }
    merged.result.intervals.push_back(s);
    const bool exact = slot.clients_with_responses <= 1;
    merged.interval_latency_exact.push_back(exact);
    any_bound = any_bound || !exact;
  }
  if (any_bound) {
    merged.notes.push_back(
        "per-second p50, p90 and p99 where several clients answered in that second are the largest of the "
        "clients' (an upper bound: the document holds no per-second histograms); their max and every "
        "whole-run figure are exact");
  }
}

}  // namespace ringbench::report
