#pragma once
// Where the latency of each complete response went. Every request phase is the interval
// between two events the worker saw on one monotonic clock, and they tile the latency: for
// every response in the latency histogram, connect + tls + queue + wait + read = its latency,
// exactly (so the phases' sums add up to the histogram's sum).
//  - queue: open loop (--rate) only: the intended start -> ready (waiting for an idle
//    connection, or the client's lateness). Closed loop has none.
//  - connect: the connect was submitted -> TCP connected (its CQE reaped). Only requests that
//    waited for a new connection during the run (--disable-keepalive, after a server close or an
//    error); their latency starts at the connect.
//  - tls: TCP connected -> TLS handshake done (https, the same requests).
//  - wait: the request was ready to go -> the first response byte was seen. Ready is the start
//    of the io_uring_enter that carried its send on a kept-alive connection, or the moment its
//    new connection became ready. There is no separate write phase: a successful send posts no
//    completion, so its end is never observed; the kernel's send time (a few us) is in wait.
//  - read: the first response byte -> the last.
// `handshakes` is not a request phase: every TLS handshake, the opening ones (before the clock)
// included, TCP connected -> handshake done.
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
  PhaseStat tls;
  PhaseStat queue;
  PhaseStat wait;
  PhaseStat read;
  PhaseStat handshakes;

  void merge(const Phases& o) noexcept;
  // connect + tls + queue + wait + read: the sum of the latencies of the responses they describe.
  uint64_t request_sum_ns() const noexcept {
    return connect.sum_ns + tls.sum_ns + queue.sum_ns + wait.sum_ns + read.sum_ns;
  }
};

}  // namespace ringbench::stats
