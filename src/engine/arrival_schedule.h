#pragma once
// One worker's open-loop schedule (--rate): the intended start of each request, computed from
// a running sum, never stored. Constant arrivals are 1/R apart, poisson ones exponentially
// distributed with mean 1/R (a seeded generator, so a run can be repeated). A worker's share
// of R starts at a phase of its own, so the workers' constant schedules interleave instead of
// sending together.
#include <cmath>
#include <cstdint>

#include "ringbench/core/config.h"

namespace ringbench::engine {

class ArrivalSchedule {
 public:
  // `phase` in [0, 1): where in its first gap a constant schedule starts.
  ArrivalSchedule(Arrivals kind, double rate_per_s, uint64_t start_ns, uint64_t seed, double phase) noexcept
      : kind_(kind), gap_ns_(rate_per_s > 0 ? 1e9 / rate_per_s : 0), phase_(phase), start_ns_(start_ns),
        random_(seed) {
    if (gap_ns_ <= 0) return;  // a worker with no share: never due
    offset_ns_ = kind == Arrivals::constant ? phase_ * gap_ns_ : exponential_gap();
  }

  // Intended start of the next request; UINT64_MAX when this worker has no share of the rate.
  uint64_t next_ns() const noexcept {
    if (gap_ns_ <= 0) return UINT64_MAX;
    return start_ns_ + uint64_t(offset_ns_);
  }

  void advance() noexcept {
    // Constant: from the count, so rounding never accumulates over millions of requests.
    ++issued_;
    offset_ns_ = kind_ == Arrivals::constant ? (double(issued_) + phase_) * gap_ns_ : offset_ns_ + exponential_gap();
  }

 private:
  // -ln(U) / R with U uniform in (0, 1]: 53 random bits (splitmix64).
  double exponential_gap() noexcept {
    uint64_t z = (random_ += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    z ^= z >> 31;
    const double u = double((z >> 11) + 1) * 0x1.0p-53;
    return -std::log(u) * gap_ns_;
  }

  Arrivals kind_;
  double gap_ns_;
  double phase_;
  uint64_t start_ns_;
  uint64_t random_;
  double offset_ns_ = 0;  // of the next request, from start_ns_
  uint64_t issued_ = 0;
};

}  // namespace ringbench::engine
