#include "ringbench/stats/phases.h"

#include <algorithm>

namespace ringbench::stats {

void PhaseStat::merge(const PhaseStat& o) noexcept {
  count += o.count;
  sum_ns += o.sum_ns;
  // An empty side holds min UINT64_MAX / max 0, which these leave untouched.
  min_ns = std::min(min_ns, o.min_ns);
  max_ns = std::max(max_ns, o.max_ns);
}

void Phases::merge(const Phases& o) noexcept {
  connect.merge(o.connect);
  tls.merge(o.tls);
  queue.merge(o.queue);
  wait.merge(o.wait);
  read.merge(o.read);
  handshakes.merge(o.handshakes);
}

}  // namespace ringbench::stats
