#pragma once
// A provided-buffer ring for multishot recv (liburing 2.3 has no io_uring_setup_buf_ring, so
// the ring memory is mapped and registered here).
//
// Two modes, chosen by a runtime probe:
//  - incremental (IOU_PBUF_RING_INC, kernel 6.12+): the kernel packs many receives, from any
//    connection, into one large buffer and only hands it back when it is full, so memory is
//    sized by bytes per burst rather than receives per burst;
//  - whole buffers: every receive consumes one buffer, however small.
#include <liburing.h>

#include <cstdint>

namespace ringbench::io {

class BufferRing {
 public:
  // `entries` buffers are handed to the kernel now; grow() may add more up to `max_entries`
  // (default: no growth). Both are rounded up to a power of two (max 32768). The memory of
  // the buffers not yet added is reserved, not touched, so it costs no RSS until used.
  // Throws Error(cannot_run).
  BufferRing(io_uring* ring, uint16_t group_id, uint32_t entries, uint32_t buffer_size,
             bool try_incremental, uint32_t max_entries = 0);
  ~BufferRing();
  BufferRing(const BufferRing&) = delete;
  BufferRing& operator=(const BufferRing&) = delete;

  uint16_t group_id() const noexcept { return group_id_; }
  bool incremental() const noexcept { return incremental_; }
  uint64_t memory_bytes() const noexcept { return uint64_t(active_) * buffer_size_; }

  // Doubles the buffers in circulation (up to max_entries), for bursts that outgrew them: a
  // recv that found the ring empty (ENOBUFS) ends its multishot and must be armed again, so
  // a ring much smaller than a burst costs a re-arm per connection per refill. Returns false
  // at the maximum. The new buffers reach the kernel with the next publish().
  bool grow() noexcept;

  // The bytes of a recv CQE (res > 0, IORING_CQE_F_BUFFER set). Must be called once per CQE,
  // in CQE order, before release().
  const char* data(const io_uring_cqe& cqe) noexcept;

  // Gives the CQE's buffer back to the kernel once its bytes are parsed (a no-op while an
  // incremental buffer is still being filled). Batched: the kernel sees it on publish().
  void release(const io_uring_cqe& cqe) noexcept;

  // Makes the released buffers visible to the kernel. Call once per loop iteration.
  void publish() noexcept;

 private:
  static uint16_t buffer_id(const io_uring_cqe& cqe) noexcept { return uint16_t(cqe.flags >> IORING_CQE_BUFFER_SHIFT); }
  void add(uint16_t bid) noexcept;

  io_uring* ring_;
  io_uring_buf_ring* br_ = nullptr;
  char* buffers_ = nullptr;
  uint32_t* offsets_ = nullptr;  // incremental mode: bytes already consumed per buffer
  uint32_t entries_;      // ring slots: the most buffers there can be
  uint32_t active_;       // buffers added so far
  uint32_t buffer_size_;
  uint16_t group_id_;
  uint16_t pending_ = 0;
  bool incremental_ = false;
};

}  // namespace ringbench::io
