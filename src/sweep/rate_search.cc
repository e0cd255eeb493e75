#include "ringbench/sweep/rate_search.h"

#include <cmath>

#include <fmt/format.h>

#include "figure_format.h"

namespace ringbench::sweep {

double rounded_rate(double rate) {
  if (rate >= 10) return std::round(rate);
  return std::round(rate * 100) / 100;
}

void RateSearch::record(double rate, bool passed) { rates_[rate] = passed; }

std::optional<double> RateSearch::stop(std::string reason) {
  if (stop_reason_.empty()) stop_reason_ = std::move(reason);
  return std::nullopt;
}

std::optional<double> RateSearch::lowest_fail() const {
  for (const auto& [rate, passed] : rates_) {
    if (!passed) return rate;
  }
  return std::nullopt;
}

std::optional<double> RateSearch::highest_pass_below(double limit) const {
  std::optional<double> best;
  for (const auto& [rate, passed] : rates_) {
    if (rate >= limit) break;
    if (passed) best = rate;
  }
  return best;
}

std::optional<double> RateSearch::next() {
  if (!stop_reason_.empty()) return std::nullopt;
  if (rates_.empty()) return rounded_rate(limits_.lo);
  const auto first = rates_.begin();
  if (!first->second) return stop(fmt::format("the lowest rate, {}, already fails", per_second_text(first->first)));
  const std::optional<double> fail = lowest_fail();
  if (!fail) {
    const double highest = rates_.rbegin()->first;
    if (highest >= rounded_rate(limits_.hi)) {
      return stop(fmt::format("the highest rate, {}, passes: the capacity is at least that", per_second_text(highest)));
    }
    if (rates_.size() >= limits_.budget) {
      return stop(fmt::format("level budget ({}) spent before any rate failed", limits_.budget));
    }
    return std::min(rounded_rate(limits_.hi), rounded_rate(2 * highest));
  }
  const double pass = highest_pass_below(*fail).value_or(first->first);
  const double width_pct = (*fail / pass - 1) * 100;
  if (*fail <= pass * (1 + limits_.tolerance)) {
    return stop(fmt::format("{} passes and {} fails: within {}", per_second_text(pass), per_second_text(*fail),
                            percent_text(limits_.tolerance * 100)));
  }
  if (rates_.size() >= limits_.budget) {
    return stop(fmt::format("level budget ({}) spent: {} passes and {} fails, {} apart", limits_.budget,
                            per_second_text(pass), per_second_text(*fail), percent_text(width_pct)));
  }
  const double middle = rounded_rate(std::sqrt(pass * *fail));
  if (middle <= pass || middle >= *fail) {
    return stop(fmt::format("{} passes and {} fails: no rate between them to measure", per_second_text(pass),
                            per_second_text(*fail)));
  }
  return middle;
}

Capacity RateSearch::capacity() const {
  Capacity c;
  c.reason = stop_reason_;
  if (rates_.empty() || !rates_.begin()->second) {
    if (c.reason.empty()) c.reason = rates_.empty() ? "no rate measured" : "the lowest rate fails";
    c.lowest_fail = lowest_fail();
    return c;
  }
  c.lowest_fail = lowest_fail();
  if (c.lowest_fail) {
    c.rate = highest_pass_below(*c.lowest_fail);
  } else {
    c.rate = rates_.rbegin()->first;
    c.at_least = true;
  }
  return c;
}

}  // namespace ringbench::sweep
