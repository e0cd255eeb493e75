// The requests a connection carries (RequestFifo): deciding on them, taking back those not
// written when they cannot go, and what becomes of those outstanding when the connection ends.
// Without --pipeline a connection carries one request at a time; with it, up to N, and each
// response tops the connection up again (closed loop) or takes from the open-loop queue.
#include "worker.h"

namespace ringbench::engine {

bool Worker::may_start_request(uint64_t now) const noexcept {
  return now < run_deadline_ns_ && (!quota_left_ || *quota_left_ > 0) &&
         !shared_.stop.load(std::memory_order_relaxed);
}

// A connection is worth opening again while a request may still use it: in open loop also
// when the quota is spent but requests wait in the queue.
bool Worker::may_reconnect(uint64_t now) const noexcept {
  if (may_start_request(now)) return true;
  return schedule_ && !queue_.empty() && now < run_deadline_ns_ && !shared_.stop.load(std::memory_order_relaxed);
}

// Closed loop: takes a request from the quota now; flush_sends() stamps its start, unless it
// waited for this connection: then it started with the connect and could go once the
// connection was ready (stats/phases.h).
void Worker::start_request(uint32_t slot) {
  Connection& c = conns_[slot];
  PendingRequest r;
  r.on_new_connection = c.awaited;
  c.awaited = false;
  if (r.on_new_connection) {
    r.start_ns = c.connect_start_ns;
    r.ready_ns = c.ready_ns;
  }
  if (quota_left_) --*quota_left_;
  decide(slot, r);
}

// The request goes out with the connection's next send.
void Worker::decide(uint32_t slot, const PendingRequest& request) {
  Connection& c = conns_[slot];
  if (requests_.empty(slot)) {
    c.parser.start(shared_.plan.head_request);
    conns_.set_state(slot, ConnState::queued);
  }
  requests_.push_back(slot, request);
  ++c.unsent;
  ++outstanding_;
  if (!c.listed_for_send) {
    c.listed_for_send = true;
    pending_sends_.push_back(slot);
  }
}

// Closed loop: the connection takes requests until it carries --pipeline of them.
void Worker::fill_pipeline(uint32_t slot, uint64_t now) {
  while (requests_.size(slot) < depth_ && may_start_request(now)) start_request(slot);
}

// A request decided on and never written: back to the -n quota, or (open loop) to the front
// of the queue with its intended start, to wait for another connection.
void Worker::give_back(const PendingRequest& request) {
  --outstanding_;
  if (schedule_) {
    queue_.push_front(request.start_ns);
  } else if (quota_left_) {
    ++*quota_left_;
  }
}

// Newest first, so the queue gets them back in their order.
void Worker::take_back_unsent(uint32_t slot) {
  Connection& c = conns_[slot];
  for (; c.unsent > 0; --c.unsent) give_back(requests_.pop_back(slot));
}

// Past the -z deadline or after Ctrl-C nothing more is written: a closed-loop request not
// written was never a request at all; an open-loop one was due, so it is unfinished, with its age.
void Worker::drop_unsent(uint32_t slot, uint64_t now) {
  Connection& c = conns_[slot];
  for (; c.unsent > 0; --c.unsent) {
    const PendingRequest r = requests_.pop_back(slot);
    --outstanding_;
    if (schedule_) {
      ++stats_.counters.unfinished;
      stats_.unfinished_ages.add(now - r.start_ns);
    } else if (quota_left_) {
      ++*quota_left_;
    }
  }
  if (requests_.empty(slot)) conns_.set_state(slot, ConnState::idle);
}

// The server closed cleanly after a response that said so: it never read the requests behind
// it, so all of them go back and are sent again on another connection.
void Worker::retry_requests(uint32_t slot, uint64_t now) {
  deadlines_.remove(slot);
  conns_[slot].unsent = 0;
  while (!requests_.empty(slot)) give_back(requests_.pop_back(slot));
  serve_queue(now);
}

// The connection failed: each request written on it fails with `cls` (the server may have
// acted on it), those not written go back.
void Worker::fail_requests(uint32_t slot, stats::ErrorClass cls, const char* what, int err, uint64_t now) {
  take_back_unsent(slot);
  while (!requests_.empty(slot)) {
    requests_.pop_front(slot);
    --outstanding_;
    count_error(cls, what, err);
  }
  serve_queue(now);
}

}  // namespace ringbench::engine
