#pragma once
// One worker's open-loop schedule (--rate, --stages): the intended start of each request,
// computed, never stored. Requests are spaced in "expected count" -- the integral of the rate
// (LoadProfile) -- and mapped back to time: constant arrivals are one count apart, poisson
// ones exponentially distributed with mean one (a seeded generator, so a run can be repeated),
// which by time rescaling gives a poisson process of the profile's rate, ramps included. A
// worker's constant schedule starts at a phase of its own, so the workers' schedules
// interleave instead of sending together.
#include <cmath>
#include <cstdint>
#include <utility>

#include "load_profile.h"
#include "ringbench/core/config.h"

namespace ringbench::engine {

class ArrivalSchedule {
 public:
  // `profile`: this worker's share of the rate over time. `phase` in [0, 1): where in its
  // first gap a constant schedule starts.
  ArrivalSchedule(Arrivals kind, LoadProfile profile, uint64_t start_ns, uint64_t seed, double phase) noexcept
      : kind_(kind), profile_(std::move(profile)), start_ns_(start_ns), random_(seed) {
    position_ = kind == Arrivals::constant ? phase : exponential_gap();
    locate();
  }

  // Intended start of the next request; UINT64_MAX when no more are due.
  uint64_t next_ns() const noexcept { return next_ns_; }

  void advance() noexcept {
    position_ += kind_ == Arrivals::constant ? 1.0 : exponential_gap();
    locate();
  }

 private:
  void locate() noexcept {
    const uint64_t offset = profile_.offset_of_count(position_);
    next_ns_ = offset == UINT64_MAX ? UINT64_MAX : start_ns_ + offset;
  }

  // -ln(U) with U uniform in (0, 1]: 53 random bits (splitmix64).
  double exponential_gap() noexcept {
    uint64_t z = (random_ += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    z ^= z >> 31;
    return -std::log(double((z >> 11) + 1) * 0x1.0p-53);
  }

  Arrivals kind_;
  LoadProfile profile_;
  uint64_t start_ns_;
  uint64_t random_;
  double position_ = 0;  // expected count at which the next request is due
  uint64_t next_ns_ = UINT64_MAX;
};

}  // namespace ringbench::engine
