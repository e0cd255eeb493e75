#include "ringbench/stats/unfinished_ages.h"

#include <algorithm>

namespace ringbench::stats {

void UnfinishedAges::merge(const UnfinishedAges& other) {
  ages_ns_.insert(ages_ns_.end(), other.ages_ns_.begin(), other.ages_ns_.end());
}

uint64_t UnfinishedAges::max_ns() const noexcept {
  return ages_ns_.empty() ? 0 : *std::max_element(ages_ns_.begin(), ages_ns_.end());
}

uint64_t UnfinishedAges::p50_ns() const {
  if (ages_ns_.empty()) return 0;
  std::vector<uint64_t> sorted = ages_ns_;
  const size_t rank = (sorted.size() + 1) / 2;  // 1-based
  std::nth_element(sorted.begin(), sorted.begin() + std::ptrdiff_t(rank - 1), sorted.end());
  return sorted[rank - 1];
}

}  // namespace ringbench::stats
