#pragma once
// The search of `sweep --rate LO..HI --slo ...`: which offered rate to measure next, given which
// rates passed (latency within the SLO, the server keeping up) and which failed. Pure: the
// runner measures (rate_runner.cc) and judges (rate_point.h).
//
// 1. LO first. If it fails there is no capacity in the range: stop.
// 2. Grow: double the rate (capped at HI) until a rate fails or HI passes (then the capacity
//    is at least HI: stop). Doubling, not HI at once: an overloaded point leaves a backlog the
//    server must work off before the next one, and twice the capacity leaves far less than ten
//    times it.
// 3. Bisect geometrically (the next rate is √(pass · fail), rates being ratios) between the
//    highest pass below the lowest fail and that fail, until fail / pass ≤ 1 + tolerance or
//    `budget` rates have been measured.
// A rate that passes above one that failed (noise near the capacity) does not raise the
// capacity: it stays the highest pass below the lowest fail, the conservative reading.
#include <cstddef>
#include <map>
#include <optional>
#include <string>

namespace ringbench::sweep {

struct RateLimits {
  double lo = 0, hi = 0;      // requests/s, 0 < lo < hi
  size_t budget = 12;         // rates measured at most, LO included
  double tolerance = 0.05;    // done when the lowest fail is within 5 % above the highest pass
};

// The answer: the highest rate that passed below every failure, if any.
struct Capacity {
  std::optional<double> rate;        // none: LO failed (or nothing measured)
  // No rate failed (HI passed, or the budget or an interrupt ended the growth): the capacity
  // is `rate` or more.
  bool at_least = false;
  std::optional<double> lowest_fail; // the bracket's upper end, when a rate failed
  std::string reason;                // why the search stopped, in words
};

class RateSearch {
 public:
  explicit RateSearch(const RateLimits& limits) : limits_(limits) {}

  void record(double rate, bool passed);

  // The next rate to measure, or none: the search is over and capacity() says what it found.
  std::optional<double> next();

  Capacity capacity() const;
  size_t measured() const noexcept { return rates_.size(); }

 private:
  std::optional<double> highest_pass_below(double rate) const;
  std::optional<double> lowest_fail() const;
  std::optional<double> stop(std::string reason);

  RateLimits limits_;
  std::map<double, bool> rates_;  // rate -> passed
  std::string stop_reason_;
};

// A rate as it is measured and shown: whole requests/s from 10/s up, 0.01/s below.
double rounded_rate(double rate);

}  // namespace ringbench::sweep
