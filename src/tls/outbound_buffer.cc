#include "outbound_buffer.h"

#include <cassert>
#include <utility>

namespace ringbench::tls {

void OutboundBuffer::append(const char* data, size_t n) {
  const bool front_idle = head_ == front_.size();
  if (back_.empty() && (front_idle || n <= front_.capacity() - front_.size())) {
    if (front_idle) {  // nothing in flight: free to reallocate
      front_.clear();
      head_ = 0;
    }
    front_.append(data, n);
  } else {
    back_.append(data, n);
  }
}

void OutboundBuffer::consume(size_t n) noexcept {
  assert(n <= front_.size() - head_);
  head_ += n;
  if (head_ != front_.size()) return;
  head_ = 0;
  front_.clear();
  std::swap(front_, back_);
  // Whichever buffer is now idle gives back memory a burst made it grow; swapping with an empty
  // string frees it without allocating.
  if (back_.capacity() > retained_capacity) std::string().swap(back_);
  if (front_.empty() && front_.capacity() > retained_capacity) std::string().swap(front_);
}

}  // namespace ringbench::tls
