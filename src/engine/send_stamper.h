#pragma once
// How a worker submits the sends it decided on, and the start time each request is stamped
// with. Sends run inline during io_uring_enter, in SQ order, so a request starts somewhere
// inside the submit that carries it. They go out in chunks of `chunk`, each chunk its own
// submit, and every request of a chunk is stamped with the moment just before that submit:
// the one event seen before its send. A latency may so read high by the sends ahead of it in
// its chunk (tens of us at most), never lower than the server could have produced. (Placing
// the i-th at an interpolated point of the submit did read low: the submit also runs
// completion work after the sends, and against a server that waits 5 ms latencies of 4.89 ms
// were recorded.) A lone last send, where its mode allows, is not submitted here: it goes out
// with the loop's own wait, one syscall per wake instead of two, stamped just before it.
//
// The clock, the ring and the stamping are the caller's (callables), so the policy is tested
// with chosen times and the microbenchmark runs the worker's own code.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

namespace ringbench::engine {

// A loopback send of a small request takes 3-6 us here, so the last of 8 leaves at most
// ~40 us after the start its request is stamped with, at a cost of one io_uring_enter per
// 8 requests.
inline constexpr size_t send_chunk = 8;

// prepare(slot) queues slot's send SQE; submit() submits what is queued; now() reads the
// clock; stamp(slot, start_ns) records the start. Returns the lone send left for the wait.
template <class Prepare, class Submit, class Now, class Stamp>
std::optional<uint32_t> submit_in_chunks(std::span<const uint32_t> slots, bool lone_may_wait, Prepare&& prepare,
                                         Submit&& submit, Now&& now, Stamp&& stamp) {
  size_t stamped = 0;
  auto submit_and_stamp = [&](size_t last) {
    const uint64_t start = now();
    submit();
    for (size_t i = stamped; i < last; ++i) stamp(slots[i], start);
    stamped = last;
  };
  for (size_t k = 0; k < slots.size(); ++k) {
    prepare(slots[k]);
    if (k + 1 - stamped == send_chunk) submit_and_stamp(k + 1);
  }
  if (lone_may_wait && slots.size() == stamped + 1) return slots[stamped];
  if (slots.size() > stamped) submit_and_stamp(slots.size());
  return std::nullopt;
}

}  // namespace ringbench::engine
