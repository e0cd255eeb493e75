#pragma once
// Ciphertext waiting for the ring to send it, with one guarantee the engine relies on: bytes
// handed out by pending() never move until consume() has covered them, so a send SQE may point
// at them while the session keeps producing output. New output is appended in place while it
// fits in the front buffer's capacity and goes to a back buffer otherwise; the back buffer
// becomes the front when the front is fully sent. Capacity is kept between records (no
// allocation per record once warm) unless it grew beyond retained_capacity.
#include <cstddef>
#include <string>
#include <string_view>

namespace ringbench::tls {

class OutboundBuffer {
 public:
  static constexpr size_t retained_capacity = 32 * 1024;

  std::string_view pending() const noexcept { return {front_.data() + head_, front_.size() - head_}; }
  bool empty() const noexcept { return head_ == front_.size() && back_.empty(); }
  size_t capacity() const noexcept { return front_.capacity() + back_.capacity(); }

  void append(const char* data, size_t n);
  void consume(size_t n) noexcept;  // n ≤ pending().size()

 private:
  std::string front_;  // [head_, size) pending; never reallocated while pending
  size_t head_ = 0;
  std::string back_;   // output queued behind front_
};

}  // namespace ringbench::tls
