#pragma once
// serve --jitter: a random extra wait per received batch, exponentially distributed with a
// given mean. An exponential tail is what queueing behind a real backend looks like, so the
// client's histogram gets a body and a tail instead of a single spike at --delay. Capped at
// 8x the mean (e^-8: 0.03 % of draws) so one draw can never stall a run.
#include <cmath>
#include <cstdint>

namespace ringbench::serve {

class ExtraDelay {
 public:
  static constexpr double cap_in_means = 8.0;

  explicit ExtraDelay(uint64_t mean_ns, uint64_t seed = 0x9e3779b97f4a7c15ull) noexcept
      : mean_ns_(double(mean_ns)), state_(seed | 1) {}

  // 0 when no jitter was asked for; otherwise a fresh draw.
  uint64_t next_ns() noexcept {
    if (mean_ns_ == 0) return 0;
    const double draw = -std::log(uniform_open()) * mean_ns_;
    return uint64_t(std::fmin(draw, cap_in_means * mean_ns_));
  }

 private:
  // xorshift64*: per worker, no locking, plenty for shaping a latency curve.
  uint64_t next_bits() noexcept {
    state_ ^= state_ >> 12;
    state_ ^= state_ << 25;
    state_ ^= state_ >> 27;
    return state_ * 0x2545f4914f6cdd1dull;
  }

  // Uniform in (0, 1]: log(0) must never be taken.
  double uniform_open() noexcept { return (double(next_bits() >> 11) + 1.0) * 0x1.0p-53; }

  double mean_ns_;
  uint64_t state_;
};

}  // namespace ringbench::serve
