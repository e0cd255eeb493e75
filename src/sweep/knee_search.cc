#include "ringbench/sweep/knee_search.h"

#include <algorithm>
#include <cmath>
#include <iterator>

#include "ringbench/sweep/concurrency_spec.h"

namespace ringbench::sweep {

namespace {

uint32_t rounded(double c) {
  return static_cast<uint32_t>(std::clamp<double>(std::round(c), 1, max_level_connections));
}

}  // namespace

void KneeSearch::record(uint32_t concurrency, double criterion) {
  levels_[concurrency] = std::isfinite(criterion) ? criterion : 0;
  last_ = concurrency;
}

uint32_t KneeSearch::best() const noexcept {
  uint32_t best = 0;
  double top = -1;
  for (const auto& [c, value] : levels_) {
    if (value > top) {  // ascending order: a tie keeps the smaller level
      top = value;
      best = c;
    }
  }
  return best;
}

std::optional<uint32_t> KneeSearch::stop(std::string reason) {
  if (stop_reason_.empty()) stop_reason_ = std::move(reason);
  return std::nullopt;
}

std::optional<uint32_t> KneeSearch::next() {
  if (!stop_reason_.empty()) return std::nullopt;
  if (levels_.empty()) return limits_.start;
  if (levels_.size() >= limits_.budget) return stop("level budget reached");
  if (growing_) {
    if (std::optional<uint32_t> c = grow()) return c;
  }
  if (std::optional<uint32_t> c = estimate()) return c;
  return narrow();
}

std::optional<uint32_t> KneeSearch::grow() {
  const double last = levels_.at(last_), top = levels_.at(best());
  const bool fell = last < limits_.fall_ratio * top;
  if (!fell && last > 0 && last_ < limits_.max_level) {
    return std::min(limits_.max_level, std::max(last_ + 1, rounded(2.0 * last_)));
  }
  growing_ = false;
  grown_to_ = last_;
  return std::nullopt;
}

// The level strictly between low and high closest to `candidate` that is not measured yet.
std::optional<uint32_t> KneeSearch::unmeasured_between(uint32_t candidate, uint32_t low, uint32_t high) const {
  if (high <= low + 1) return std::nullopt;
  const uint32_t c = std::clamp(candidate, low + 1, high - 1);
  if (levels_.count(c) > 0) return std::nullopt;
  return c;
}

std::optional<uint32_t> KneeSearch::estimate() {
  if (estimated_) return std::nullopt;
  estimated_ = true;
  const auto at = levels_.find(best());
  if (at == levels_.begin() || std::next(at) == levels_.end()) return std::nullopt;
  const auto [low, low_value] = *std::prev(at);
  const auto [high, high_value] = *std::next(at);
  if (low_value <= 0 || high_value <= 0) return std::nullopt;
  const double crossing = std::sqrt(double(low) * double(high) * high_value / low_value);
  return unmeasured_between(rounded(crossing), low, high);
}

// One step of `tolerance` from the best towards each neighbour still farther than that (the
// farther side first): when the estimate was right, the two steps confirm it and the search
// ends; when it was not, the best moves and the search walks on from there.
std::optional<uint32_t> KneeSearch::narrow() {
  const uint32_t b = best();
  const auto at = levels_.find(b);
  const double near = 1 + limits_.tolerance;
  const uint32_t up = std::max(b + 1, rounded(b * near)), down = std::min(b - 1, rounded(b / near));
  std::optional<uint32_t> above, below;
  if (std::next(at) != levels_.end() && std::next(at)->first > up) above = unmeasured_between(up, b, std::next(at)->first);
  if (at != levels_.begin() && std::prev(at)->first < down) below = unmeasured_between(down, std::prev(at)->first, b);
  if (above && below) {
    const double above_gap = double(std::next(at)->first) / b, below_gap = double(b) / std::prev(at)->first;
    return above_gap >= below_gap ? above : below;
  }
  if (above) return above;
  if (below) return below;
  return stop("the best level's neighbours are within " + std::to_string(int(std::lround(limits_.tolerance * 100))) +
              " % of it");
}

}  // namespace ringbench::sweep
