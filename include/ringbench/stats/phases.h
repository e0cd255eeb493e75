#pragma once
// Phase timings of requests: connect (only when the request needed a new connection),
// write (submit to send completion), wait (send completion to first response byte),
// read (first to last response byte); tls (TCP connected to TLS handshake done, every handshake
// including those of the connections opened before the clock). Mean, min, max per phase.
#include <cstdint>

namespace ringbench::stats {

struct PhaseStat {
  uint64_t count = 0;
  uint64_t sum_ns = 0;
  uint64_t min_ns = UINT64_MAX;
  uint64_t max_ns = 0;

  void record(uint64_t ns) noexcept {
    ++count;
    sum_ns += ns;
    if (ns < min_ns) min_ns = ns;
    if (ns > max_ns) max_ns = ns;
  }
  void merge(const PhaseStat& o) noexcept;
  double mean_ns() const noexcept { return count ? double(sum_ns) / double(count) : 0.0; }
  uint64_t min_or_zero() const noexcept { return count ? min_ns : 0; }
};

struct Phases {
  PhaseStat connect;
  PhaseStat write;
  PhaseStat wait;
  PhaseStat read;
  PhaseStat tls;

  void merge(const Phases& o) noexcept;
};

}  // namespace ringbench::stats
