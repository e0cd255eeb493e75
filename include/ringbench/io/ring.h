#pragma once
// RAII io_uring for one thread, created with the fastest setup this kernel accepts.
#include <liburing.h>

#include <string>
#include <string_view>
#include <vector>

namespace ringbench::io {

struct RingOptions {
  unsigned sq_entries = 1024;
  unsigned cq_entries = 4096;  // raised to at least 2 * sq_entries, capped at 65536
  unsigned fixed_files = 0;    // sparse direct-descriptor table size; 0 = none
};

class Ring {
 public:
  // Throws ringbench::Error(cannot_run) when no io_uring can be created at all.
  explicit Ring(const RingOptions& options);
  ~Ring();
  Ring(const Ring&) = delete;
  Ring& operator=(const Ring&) = delete;

  io_uring* get() noexcept { return &ring_; }

  // A free SQE; when the SQ is full, submits what is queued first. Never returns null.
  io_uring_sqe* next_sqe();

  // Makes room for `count` SQEs in a row (submitting what is queued if needed), so a linked
  // chain is never split across two submits, which would end the link early.
  void reserve(unsigned count);

  // Submits queued SQEs and waits until at least one CQE is ready or `timeout_ns` elapsed.
  // EINTR and ETIME are normal; other errors throw.
  void submit_and_wait(long long timeout_ns);

  // Registers `bytes` as fixed buffer 0, for SEND_ZC from registered memory (a plain send
  // cannot use registered buffers on our kernels). The kernel only reads it; it must outlive
  // the ring. Returns 0 or the kernel's -errno (the caller falls back to copying sends).
  int register_send_buffer(std::string_view bytes) noexcept;

  // Setup features that had to be given up on this kernel, one human-readable line each
  // ("DEFER_TASKRUN unsupported: using COOP_TASKRUN"). Empty on a modern kernel.
  const std::vector<std::string>& fallbacks() const noexcept { return fallbacks_; }

 private:
  void init(const RingOptions& options);
  void register_extras(const RingOptions& options);

  io_uring ring_{};
  std::vector<std::string> fallbacks_;
};

}  // namespace ringbench::io
