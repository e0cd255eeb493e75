#pragma once
// Source (address, port) pairs a worker binds its connections to, chosen by ringbench rather
// than by the kernel (docs/IO_URING.md, ephemeral-ports): the kernel's search for a free
// ephemeral port costs more the fuller the range is, an explicit bind costs the same at any
// count. Pair k is address k mod S, port low + (k / S) mod P, so consecutive connections
// take different addresses (spread before any address is crowded); worker w of W walks the
// pairs s + w, s + w + W, ... from a start s, so workers do not collide with each other.
// A pair that turns out to be taken (by another process, a listener, a TIME_WAIT left by an
// earlier run) is skipped: the caller asks again, a bounded number of times per connection,
// and the walk goes on from a random pair. Taken pairs come in runs (an earlier run walked
// them in the same order), so stepping to the next pair would meet the whole run of them.
#include <netinet/in.h>

#include <algorithm>
#include <cstdint>
#include <vector>

#include "ringbench/engine/plan.h"

namespace ringbench::engine {

class SourcePorts {
 public:
  // Pairs taken in a row for one connection before its connect counts as failed.
  static constexpr uint32_t max_tries = 64;

  // `start`: any number; where worker 0 begins (random per run, see Plan::source_start).
  SourcePorts(const std::vector<sockaddr_in>& addresses, PortRange ports, uint64_t start, uint32_t worker,
              uint32_t workers, uint32_t slots)
      : addresses_(addresses), ports_(ports), pairs_(uint64_t(addresses.size()) * ports.size()),
        step_(workers ? workers : 1), worker_(worker), random_(start ^ (uint64_t(worker) << 32)),
        next_((start % pairs_ + worker) % pairs_), bound_(slots), tries_(slots, 0) {}

  // Chooses the next pair for `slot`; the address stays valid until the next assign() for
  // that slot (a bind SQE reads it when submitted).
  const sockaddr_in& assign(uint32_t slot) noexcept {
    const uint64_t k = next_;
    next_ = (next_ + step_) % pairs_;
    sockaddr_in& a = bound_[slot];
    a = addresses_[k % addresses_.size()];
    a.sin_port = htons(uint16_t(ports_.low + (k / addresses_.size()) % ports_.size()));
    return a;
  }

  // The pair given to `slot` was taken: may it try another? If so, the walk moves to a random
  // pair of this worker's share.
  bool may_retry(uint32_t slot) noexcept {
    if (++tries_[slot] >= max_tries) return false;
    const uint64_t share = std::max<uint64_t>(1, pairs_ / step_);
    next_ = ((next_random() % share) * step_ + worker_) % pairs_;
    return true;
  }
  // The slot's connect ended (opened, or failed for another reason): the next starts a fresh count.
  void settled(uint32_t slot) noexcept { tries_[slot] = 0; }

  const sockaddr_in& bound(uint32_t slot) const noexcept { return bound_[slot]; }

 private:
  uint64_t next_random() noexcept {  // splitmix64
    uint64_t z = (random_ += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
  }

  std::vector<sockaddr_in> addresses_;
  PortRange ports_;
  uint64_t pairs_;
  uint64_t step_;
  uint64_t worker_;
  uint64_t random_;
  uint64_t next_;
  std::vector<sockaddr_in> bound_;
  std::vector<uint8_t> tries_;
};

}  // namespace ringbench::engine
