#include "inbound_queue.h"

#include <algorithm>
#include <cstring>

namespace ringbench::tls {

void InboundQueue::feed(const char* data, size_t n) {
  if (fed_size_ > 0) stash();
  fed_ = data;
  fed_size_ = n;
}

size_t InboundQueue::take(char* out, size_t n) noexcept {
  size_t taken = 0;
  if (backlog_head_ < backlog_.size()) {
    taken = std::min(n, backlog_.size() - backlog_head_);
    std::memcpy(out, backlog_.data() + backlog_head_, taken);
    backlog_head_ += taken;
    if (backlog_head_ == backlog_.size()) {
      backlog_head_ = 0;
      backlog_.clear();
      if (backlog_.capacity() > retained_capacity) std::string().swap(backlog_);
    }
  }
  if (taken < n && fed_size_ > 0) {
    const size_t more = std::min(n - taken, fed_size_);
    std::memcpy(out + taken, fed_, more);
    fed_ += more;
    fed_size_ -= more;
    taken += more;
  }
  return taken;
}

void InboundQueue::stash() {
  if (fed_size_ == 0) return;
  if (backlog_head_ > 0) {  // compact before growing
    backlog_.erase(0, backlog_head_);
    backlog_head_ = 0;
  }
  backlog_.append(fed_, fed_size_);
  fed_ = nullptr;
  fed_size_ = 0;
}

void InboundQueue::drop() noexcept {
  fed_ = nullptr;
  fed_size_ = 0;
  backlog_head_ = 0;
  backlog_.clear();
}

}  // namespace ringbench::tls
