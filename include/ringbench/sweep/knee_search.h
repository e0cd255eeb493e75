#pragma once
// The adaptive search of `sweep --conc auto`: which concurrency to measure next, given the
// criterion (power, rps² / c) of the levels measured so far. Pure: the runner measures.
//
// 1. Grow: from the baseline's c, double c until the criterion falls below `fall_ratio` of the
//    best so far (throughput stopped rising in proportion to c, so latency now grows with c:
//    the queueing signature), a level fails outright (criterion 0), or max_level is reached.
// 2. Estimate: below the knee power grows as c (latency constant), above it falls as 1/c
//    (throughput constant), so the two lines through the best's neighbours l and h cross at
//    c* = sqrt(l · h · power(h) / power(l)): one level there.
// 3. Narrow: while a neighbour of the best is more than `tolerance` away, measure one step of
//    `tolerance` from the best towards it. A right estimate is confirmed by the two steps; a
//    wrong one moves the best and the walk goes on. Stops when both neighbours are within the
//    tolerance (or adjacent integers), or when `budget` levels have been measured.
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>

namespace ringbench::sweep {

struct SearchLimits {
  uint32_t start = 1;           // the first level (the baseline's concurrency, already measured)
  uint32_t max_level = 16384;   // growth stops here
  size_t budget = 18;           // levels measured at most, start included
  double tolerance = 0.10;      // done when the best's neighbours are within 10 % of it
  double fall_ratio = 0.8;      // growth stops when a level's criterion falls below 80 % of the best
};

class KneeSearch {
 public:
  explicit KneeSearch(const SearchLimits& limits) : limits_(limits) {}

  // A measured level's criterion (0 for a level that failed: no answers, too many errors).
  void record(uint32_t concurrency, double criterion);

  // The next level to measure, or none: the search is over and stop_reason() says why.
  std::optional<uint32_t> next();

  const std::string& stop_reason() const noexcept { return stop_reason_; }
  // The level with the highest criterion so far (ties: the smaller); 0 before any record.
  uint32_t best() const noexcept;
  // The highest level measured while growing, once growth has stopped (0 before).
  uint32_t grown_to() const noexcept { return grown_to_; }
  size_t measured() const noexcept { return levels_.size(); }

 private:
  std::optional<uint32_t> grow();
  std::optional<uint32_t> estimate();
  std::optional<uint32_t> narrow();
  std::optional<uint32_t> unmeasured_between(uint32_t candidate, uint32_t low, uint32_t high) const;
  std::optional<uint32_t> stop(std::string reason);

  SearchLimits limits_;
  std::map<uint32_t, double> levels_;  // concurrency -> criterion
  uint32_t last_ = 0;
  bool growing_ = true, estimated_ = false;
  uint32_t grown_to_ = 0;
  std::string stop_reason_;
};

}  // namespace ringbench::sweep
