#pragma once
// The single time source of ringbench: CLOCK_MONOTONIC in nanoseconds.
#include <chrono>
#include <cstdint>
#include <ctime>

namespace ringbench {

using Nanos = std::chrono::nanoseconds;

inline uint64_t monotonic_ns() noexcept {
  timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<uint64_t>(ts.tv_sec) * 1'000'000'000ull + static_cast<uint64_t>(ts.tv_nsec);
}

}  // namespace ringbench
