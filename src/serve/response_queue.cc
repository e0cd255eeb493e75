#include "response_queue.h"

#include <limits>

namespace ringbench::serve {

ResponseQueue::Run& ResponseQueue::back() noexcept {
  if (spill_head_ < spill_.size()) return spill_.back();
  return runs_[(head_ + inline_size_ - 1) % inline_runs];
}

void ResponseQueue::push(ResponseKind kind, uint64_t due_ns) {
  if (inline_size_ > 0) {
    Run& last = back();
    if (last.kind == kind && last.due_ns == due_ns && last.count < std::numeric_limits<uint32_t>::max()) {
      ++last.count;
      return;
    }
  }
  const Run run{due_ns, 1, kind};
  if (inline_size_ < inline_runs && spill_head_ == spill_.size()) {
    runs_[(head_ + inline_size_) % inline_runs] = run;
    ++inline_size_;
  } else {
    spill_.push_back(run);
  }
}

void ResponseQueue::pop(uint32_t n) noexcept {
  Run& run = runs_[head_];
  run.count -= n;
  if (run.count > 0) return;
  head_ = uint8_t((head_ + 1) % inline_runs);
  --inline_size_;
  if (spill_head_ < spill_.size()) {
    // Keep the inline FIFO full while spilled runs wait, so order is preserved.
    runs_[(head_ + inline_size_) % inline_runs] = spill_[spill_head_++];
    ++inline_size_;
    if (spill_head_ == spill_.size()) {
      spill_.clear();
      spill_head_ = 0;
    }
  }
}

void ResponseQueue::clear() noexcept {
  head_ = 0;
  inline_size_ = 0;
  spill_head_ = 0;
  spill_.clear();
}

}  // namespace ringbench::serve
