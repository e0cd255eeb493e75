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

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>

namespace ringbench::io {

// How many buffers of what size one mode of a BufferRing holds. Counts are rounded up to a
// power of two (at most 32768). The memory of buffers not yet added is reserved, not touched,
// so it costs no RSS until grow() adds them.
struct BufferRingSizing {
  uint32_t entries = 0;      // buffers handed to the kernel at once
  uint32_t buffer_size = 0;  // bytes per buffer
  uint32_t max_entries = 0;  // grow() adds buffers up to this; 0 or <= entries: no growth
};

class BufferRing {
 public:
  // Registers buffer group `group_id` with incremental consumption, sized by `incremental`,
  // when one is given and the kernel supports it, else with whole buffers sized by `whole`
  // (the two modes need very different sizes: bytes per burst against receives per burst;
  // docs/IO_URING.md, burst-between-waits). Throws Error(cannot_run).
  BufferRing(io_uring* ring, uint16_t group_id, std::optional<BufferRingSizing> incremental,
             const BufferRingSizing& whole);
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

  // The bytes of a recv CQE (res > 0, IORING_CQE_F_BUFFER set). Consumes them: in incremental
  // mode the buffer's read position moves past them, so call it exactly once per CQE, in CQE
  // order, before release().
  const char* consume(const io_uring_cqe& cqe) noexcept;

  // Gives the CQE's buffer back to the kernel once its bytes are parsed (a no-op while an
  // incremental buffer is still being filled). Batched: the kernel sees it on publish().
  void release(const io_uring_cqe& cqe) noexcept;

  // Makes the released buffers visible to the kernel. Call once per loop iteration.
  void publish() noexcept;

 private:
  // An anonymous private mapping, unmapped on destruction (also when a constructor throws).
  class Mapping {
   public:
    Mapping() = default;
    explicit Mapping(size_t bytes);
    ~Mapping();
    Mapping(Mapping&& other) noexcept;
    Mapping& operator=(Mapping&& other) noexcept;
    void* get() const noexcept { return address_; }

   private:
    void* address_ = nullptr;
    size_t bytes_ = 0;
  };

  static uint16_t buffer_id(const io_uring_cqe& cqe) noexcept { return uint16_t(cqe.flags >> IORING_CQE_BUFFER_SHIFT); }
  int register_ring(const BufferRingSizing& sizing, bool incremental);
  void add(uint16_t bid) noexcept;

  io_uring* ring_;
  Mapping ring_memory_;     // the io_uring_buf array the kernel reads
  Mapping buffer_memory_;   // the buffers themselves
  io_uring_buf_ring* br_ = nullptr;
  char* buffers_ = nullptr;
  std::unique_ptr<uint32_t[]> offsets_;  // incremental mode: bytes already consumed per buffer
  uint32_t entries_ = 0;    // ring slots: the most buffers there can be
  uint32_t active_ = 0;     // buffers added so far
  uint32_t buffer_size_ = 0;
  uint16_t group_id_;
  uint16_t pending_ = 0;
  bool incremental_ = false;
};

// Arms a multishot recv on direct descriptor `slot` into `buffers`' group: every receive picks
// a buffer, and one SQE keeps receiving until a CQE without IORING_CQE_F_MORE ends it
// (docs/IO_URING.md, multishot-ends).
void prep_multishot_recv(io_uring_sqe* sqe, uint32_t slot, const BufferRing& buffers) noexcept;

}  // namespace ringbench::io
