#pragma once
// Per-worker request deadlines in O(1). Every request of a run has the same timeout, so
// deadlines expire in the order requests started: a FIFO of connection slots (an intrusive
// doubly-linked list, so a request that completes leaves the queue in O(1)) replaces a timer
// wheel or heap, and the loop only ever looks at the front.
#include <cstdint>
#include <vector>

namespace ringbench::engine {

class DeadlineQueue {
 public:
  static constexpr uint32_t none = UINT32_MAX;

  explicit DeadlineQueue(uint32_t slots) : links_(slots), deadline_(slots, 0) {}

  // `deadline_ns` must not be earlier than the last one pushed (same timeout, later start).
  void push(uint32_t slot, uint64_t deadline_ns) noexcept {
    remove(slot);
    deadline_[slot] = deadline_ns;
    links_[slot] = {tail_, none, true};
    if (tail_ != none) links_[tail_].next = slot;
    else head_ = slot;
    tail_ = slot;
  }

  void remove(uint32_t slot) noexcept {
    Link& l = links_[slot];
    if (!l.queued) return;
    if (l.prev != none) links_[l.prev].next = l.next;
    else head_ = l.next;
    if (l.next != none) links_[l.next].prev = l.prev;
    else tail_ = l.prev;
    l = Link{};
  }

  bool empty() const noexcept { return head_ == none; }
  uint32_t front() const noexcept { return head_; }
  uint64_t front_deadline() const noexcept { return deadline_[head_]; }

 private:
  struct Link {
    uint32_t prev = none;
    uint32_t next = none;
    bool queued = false;
  };
  std::vector<Link> links_;
  std::vector<uint64_t> deadline_;
  uint32_t head_ = none;
  uint32_t tail_ = none;
};

}  // namespace ringbench::engine
