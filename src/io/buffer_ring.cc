#include "ringbench/io/buffer_ring.h"

#include <sys/mman.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <string>
#include <utility>

#include "ringbench/core/error.h"
#include "ringbench/io/legacy_kernel.h"

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

}  // namespace

BufferRing::Mapping::Mapping(size_t bytes) : bytes_(bytes) {
  void* p = mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_ANONYMOUS | MAP_PRIVATE, -1, 0);
  if (p == MAP_FAILED) throw_cannot_run(std::string("mmap for receive buffers failed: ") + std::strerror(errno));
  address_ = p;
}

BufferRing::Mapping::~Mapping() {
  if (address_ != nullptr) munmap(address_, bytes_);
}

BufferRing::Mapping::Mapping(Mapping&& other) noexcept
    : address_(std::exchange(other.address_, nullptr)), bytes_(std::exchange(other.bytes_, 0)) {}

BufferRing::Mapping& BufferRing::Mapping::operator=(Mapping&& other) noexcept {
  if (this != &other) {
    if (address_ != nullptr) munmap(address_, bytes_);
    address_ = std::exchange(other.address_, nullptr);
    bytes_ = std::exchange(other.bytes_, 0);
  }
  return *this;
}

BufferRing::BufferRing(io_uring* ring, uint16_t group_id, std::optional<BufferRingSizing> incremental,
                       const BufferRingSizing& whole)
    : ring_(ring), group_id_(group_id) {
  // A kernel without incremental consumption refuses the flag; any refusal of it falls back
  // to whole buffers, and only a refusal of those is an error.
  int rc = incremental && !legacy_kernel_forced() ? register_ring(*incremental, true) : -EINVAL;
  if (rc != 0) rc = register_ring(whole, false);
  if (rc != 0) throw_cannot_run(std::string("cannot register provided-buffer ring: ") + std::strerror(-rc));
  buffer_memory_ = Mapping(size_t(entries_) * buffer_size_);
  buffers_ = static_cast<char*>(buffer_memory_.get());
  offsets_ = std::make_unique<uint32_t[]>(entries_);
  io_uring_buf_ring_init(br_);
  for (uint32_t bid = 0; bid < active_; ++bid) add(uint16_t(bid));
  publish();
}

// Maps and registers the ring array for one mode; the kernel's answer (0 or -errno).
int BufferRing::register_ring(const BufferRingSizing& sizing, bool incremental) {
  entries_ = round_up_pow2(std::max(sizing.entries, sizing.max_entries));
  active_ = round_up_pow2(sizing.entries);
  buffer_size_ = sizing.buffer_size;
  ring_memory_ = Mapping(entries_ * sizeof(io_uring_buf));
  br_ = static_cast<io_uring_buf_ring*>(ring_memory_.get());
  io_uring_buf_reg reg{};
  reg.ring_addr = reinterpret_cast<uint64_t>(br_);
  reg.ring_entries = entries_;
  reg.bgid = group_id_;
  // liburing 2.3 ignores io_uring_register_buf_ring's flags argument; the kernel reads the
  // flags from the field 2.3 still calls `pad` (docs/IO_URING.md, liburing-2.3-limits).
  reg.pad = incremental ? IOU_PBUF_RING_INC : 0;
  const int rc = io_uring_register_buf_ring(ring_, &reg, 0);
  incremental_ = rc == 0 && incremental;
  if (rc != 0) {
    ring_memory_ = Mapping();
    br_ = nullptr;
  }
  return rc;
}

bool BufferRing::grow() noexcept {
  if (active_ == entries_) return false;
  const uint32_t grown = std::min(active_ * 2, entries_);
  for (uint32_t bid = active_; bid < grown; ++bid) add(uint16_t(bid));
  active_ = grown;
  return true;
}

BufferRing::~BufferRing() { io_uring_unregister_buf_ring(ring_, group_id_); }

void BufferRing::add(uint16_t bid) noexcept {
  io_uring_buf_ring_add(br_, buffers_ + size_t(bid) * buffer_size_, buffer_size_, bid,
                        io_uring_buf_ring_mask(entries_), pending_);
  ++pending_;
}

const char* BufferRing::consume(const io_uring_cqe& cqe) noexcept {
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

void prep_multishot_recv(io_uring_sqe* sqe, uint32_t slot, const BufferRing& buffers) noexcept {
  io_uring_prep_recv_multishot(sqe, int(slot), nullptr, 0, 0);
  sqe->flags |= IOSQE_FIXED_FILE | IOSQE_BUFFER_SELECT;
  sqe->buf_group = buffers.group_id();
}

}  // namespace ringbench::io
