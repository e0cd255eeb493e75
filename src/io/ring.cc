#include "ringbench/io/ring.h"

#include <cerrno>
#include <cstring>

#include "ringbench/core/error.h"
#include "ringbench/io/legacy_kernel.h"

namespace ringbench::io {
namespace {

constexpr unsigned max_cq_entries = 65536;
constexpr unsigned max_sq_entries = 32768;

unsigned clamp(unsigned v, unsigned lo, unsigned hi) { return v < lo ? lo : (v > hi ? hi : v); }

}  // namespace

Ring::Ring(const RingOptions& options) {
  init(options);
  register_extras(options);
}

Ring::~Ring() { io_uring_queue_exit(&ring_); }

void Ring::init(const RingOptions& options) {
  const unsigned sq = clamp(options.sq_entries, 8, max_sq_entries);
  io_uring_params p{};
  // CQSIZE: one multishot recv can post several CQEs per request and a whole burst of
  // connections completes inside one wait; an overflowing CQ ends multishots and is slow.
  p.flags = IORING_SETUP_CQSIZE;
  p.cq_entries = clamp(options.cq_entries, 2 * sq, max_cq_entries);
  // SINGLE_ISSUER: only the owning worker thread submits, so the kernel skips its locking.
  // DEFER_TASKRUN: completion work runs only when we wait, in a batch, on our thread,
  //   instead of interrupting it with task_work at arbitrary points.
  // SUBMIT_ALL: keep submitting the rest of a batch when one SQE fails at submit time,
  //   so one bad connection cannot stall the others' requests.
  const unsigned best = IORING_SETUP_SINGLE_ISSUER | IORING_SETUP_DEFER_TASKRUN | IORING_SETUP_SUBMIT_ALL;
  // COOP_TASKRUN | TASKRUN_FLAG: the next best thing before 6.1 — no IPI per completion.
  const unsigned coop = IORING_SETUP_SINGLE_ISSUER | IORING_SETUP_COOP_TASKRUN |
                        IORING_SETUP_TASKRUN_FLAG | IORING_SETUP_SUBMIT_ALL;
  const unsigned attempts[] = {legacy_kernel_forced() ? coop : best, coop, IORING_SETUP_SUBMIT_ALL, 0};
  const char* notes[] = {legacy_kernel_forced() ? "RINGBENCH_LEGACY_KERNEL=1: using COOP_TASKRUN" : nullptr,
                         "DEFER_TASKRUN unsupported by this kernel: using COOP_TASKRUN",
                         "SINGLE_ISSUER/COOP_TASKRUN unsupported by this kernel: plain ring",
                         "SUBMIT_ALL unsupported by this kernel: plain ring"};
  int rc = -EINVAL;
  for (size_t i = 0; i < std::size(attempts); ++i) {
    io_uring_params q = p;
    q.flags |= attempts[i];
    rc = io_uring_queue_init_params(sq, &ring_, &q);
    if (rc == 0) {
      if (notes[i]) fallbacks_.emplace_back(notes[i]);
      return;
    }
    if (rc != -EINVAL) break;
  }
  throw_cannot_run(std::string("io_uring_queue_init failed: ") + std::strerror(-rc) +
                   (rc == -ENOMEM ? " (raise RLIMIT_MEMLOCK or use fewer connections per thread)" : ""));
}

void Ring::register_extras(const RingOptions& options) {
  // A registered ring fd saves an fdget/fdput on every io_uring_enter.
  if (io_uring_register_ring_fd(&ring_) < 0) fallbacks_.emplace_back("registered ring fd unsupported");
  if (options.fixed_files > 0) {
    const int rc = io_uring_register_files_sparse(&ring_, options.fixed_files);
    if (rc < 0) {
      throw_cannot_run("cannot register " + std::to_string(options.fixed_files) +
                       " direct descriptors: " + std::strerror(-rc) +
                       (rc == -EMFILE ? " (RLIMIT_NOFILE too low)" : ""));
    }
  }
}

io_uring_sqe* Ring::next_sqe() {
  io_uring_sqe* sqe = io_uring_get_sqe(&ring_);
  while (sqe == nullptr) {
    io_uring_submit(&ring_);
    sqe = io_uring_get_sqe(&ring_);
  }
  return sqe;
}

int Ring::register_send_buffer(std::string_view bytes) noexcept {
  iovec iov{const_cast<char*>(bytes.data()), bytes.size()};  // the kernel only reads it
  return io_uring_register_buffers(&ring_, &iov, 1);
}

void Ring::reserve(unsigned count) {
  if (io_uring_sq_space_left(&ring_) < count) io_uring_submit(&ring_);
}

void Ring::submit_and_wait(long long timeout_ns) {
  if (timeout_ns < 0) timeout_ns = 0;
  __kernel_timespec ts{timeout_ns / 1'000'000'000, timeout_ns % 1'000'000'000};
  io_uring_cqe* cqe = nullptr;
  const int rc = io_uring_submit_and_wait_timeout(&ring_, &cqe, 1, &ts, nullptr);
  if (rc < 0 && rc != -ETIME && rc != -EINTR && rc != -EAGAIN && rc != -EBUSY) {
    throw Error(ExitCode::cannot_run, std::string("io_uring_enter failed: ") + std::strerror(-rc));
  }
}

}  // namespace ringbench::io
