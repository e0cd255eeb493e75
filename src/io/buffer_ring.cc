#include "ringbench/io/buffer_ring.h"

#include <sys/mman.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <string>

#include "ringbench/core/error.h"

// Newer than liburing 2.3's uapi header; stable kernel ABI values.
#ifndef IOU_PBUF_RING_INC
#define IOU_PBUF_RING_INC 2
#endif
#ifndef IORING_CQE_F_BUF_MORE
#define IORING_CQE_F_BUF_MORE (1U << 4)
#endif

namespace ringbench::io {
namespace {

uint32_t round_up_pow2(uint32_t v) {
  uint32_t p = 1;
  while (p < v && p < 32768) p <<= 1;
  return p;
}

void* map_anonymous(size_t bytes) {
  void* p = mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_ANONYMOUS | MAP_PRIVATE, -1, 0);
  if (p == MAP_FAILED) throw_cannot_run(std::string("mmap for receive buffers failed: ") + std::strerror(errno));
  return p;
}

}  // namespace

BufferRing::BufferRing(io_uring* ring, uint16_t group_id, uint32_t entries, uint32_t buffer_size,
                       bool try_incremental, uint32_t max_entries)
    : ring_(ring),
      entries_(round_up_pow2(std::max(entries, max_entries))),
      active_(round_up_pow2(entries)),
      buffer_size_(buffer_size),
      group_id_(group_id) {
  br_ = static_cast<io_uring_buf_ring*>(map_anonymous(entries_ * sizeof(io_uring_buf)));
  io_uring_buf_reg reg{};
  reg.ring_addr = reinterpret_cast<uint64_t>(br_);
  reg.ring_entries = entries_;
  reg.bgid = group_id_;
  int rc = -EINVAL;
  if (try_incremental) {
    // liburing 2.3 ignores io_uring_register_buf_ring's flags argument; the kernel reads
    // the flags from the field 2.3 still calls `pad`.
    reg.pad = IOU_PBUF_RING_INC;
    rc = io_uring_register_buf_ring(ring_, &reg, 0);
    incremental_ = rc == 0;
  }
  if (!incremental_) {
    reg.pad = 0;
    rc = io_uring_register_buf_ring(ring_, &reg, 0);
  }
  if (rc != 0) {
    munmap(br_, entries_ * sizeof(io_uring_buf));
    throw_cannot_run(std::string("cannot register provided-buffer ring: ") + std::strerror(-rc));
  }
  buffers_ = static_cast<char*>(map_anonymous(size_t(entries_) * buffer_size_));
  offsets_ = new uint32_t[entries_]();
  io_uring_buf_ring_init(br_);
  for (uint32_t bid = 0; bid < active_; ++bid) add(uint16_t(bid));
  publish();
}

bool BufferRing::grow() noexcept {
  if (active_ == entries_) return false;
  const uint32_t grown = std::min(active_ * 2, entries_);
  for (uint32_t bid = active_; bid < grown; ++bid) add(uint16_t(bid));
  active_ = grown;
  return true;
}

BufferRing::~BufferRing() {
  io_uring_unregister_buf_ring(ring_, group_id_);
  munmap(br_, entries_ * sizeof(io_uring_buf));
  munmap(buffers_, size_t(entries_) * buffer_size_);
  delete[] offsets_;
}

void BufferRing::add(uint16_t bid) noexcept {
  io_uring_buf_ring_add(br_, buffers_ + size_t(bid) * buffer_size_, buffer_size_, bid,
                        io_uring_buf_ring_mask(entries_), pending_);
  ++pending_;
}

const char* BufferRing::data(const io_uring_cqe& cqe) noexcept {
  const uint16_t bid = buffer_id(cqe);
  const char* p = buffers_ + size_t(bid) * buffer_size_;
  if (!incremental_) return p;
  // The kernel fills an incremental buffer front to back; we track how far it got.
  p += offsets_[bid];
  offsets_[bid] += uint32_t(cqe.res);
  return p;
}

void BufferRing::release(const io_uring_cqe& cqe) noexcept {
  if (incremental_ && (cqe.flags & IORING_CQE_F_BUF_MORE)) return;  // still being filled
  const uint16_t bid = buffer_id(cqe);
  offsets_[bid] = 0;
  add(bid);
}

void BufferRing::publish() noexcept {
  if (pending_ == 0) return;
  io_uring_buf_ring_advance(br_, pending_);
  pending_ = 0;
}

}  // namespace ringbench::io
