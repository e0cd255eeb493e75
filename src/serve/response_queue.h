#pragma once
// The responses one connection owes, in request order. A pipelined burst of identical
// requests is one run (kind, count), so memory does not grow with the number of requests and
// a whole run can be answered by one send of back-to-back copies.
//
// With --delay, a run also carries the time it may be sent: requests scanned from one recv
// share it, so each recv starts a new run. The first few runs live inline; only a client that
// alternates request kinds, or pipelines across many recvs under --delay, spills to the heap.
#include <cstdint>
#include <vector>

#include "response_templates.h"

namespace ringbench::serve {

// --sharing: the due time of a response whose request is still in service; it may be sent once
// the sharing schedule says the request is done (ServerWorker::Connection::served).
inline constexpr uint64_t waiting_for_service = UINT64_MAX;

class ResponseQueue {
 public:
  struct Run {
    uint64_t due_ns = 0;  // CLOCK_MONOTONIC time it may be sent; 0 without --delay or --stall
    uint32_t count = 0;
    ResponseKind kind = ResponseKind::ok;
  };

  bool empty() const noexcept { return inline_size_ == 0; }

  // Appends one response, joining the last run when kind and due time match.
  void push(ResponseKind kind, uint64_t due_ns);

  // The oldest run; the queue must not be empty.
  const Run& front() const noexcept { return runs_[head_]; }

  // Removes `n` (1..front().count) responses from the oldest run.
  void pop(uint32_t n) noexcept;

  void clear() noexcept;

 private:
  static constexpr uint8_t inline_runs = 4;

  Run& back() noexcept;

  Run runs_[inline_runs];  // a circular FIFO: head_, then inline_size_ runs
  uint8_t head_ = 0;
  uint8_t inline_size_ = 0;
  uint32_t spill_head_ = 0;  // first run of spill_ not yet moved inline
  std::vector<Run> spill_;   // runs after the inline ones, in order
};

}  // namespace ringbench::serve
