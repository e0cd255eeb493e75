// Open loop (--rate): requests become due on the worker's schedule whether or not earlier ones
// were answered. A due request goes out on an idle connection at once (its send lag, send -
// intended, is the client's own lateness), or waits in the client queue, oldest first, for the
// next connection to free up; one that waits longer than -t fails as a timeout without being
// sent. Latency counts from the intended start, so a stall of the server delays every request
// due during it (closed loop would stop sending and hide it).
#include <string>

#include "ringbench/core/duration.h"
#include "worker.h"

namespace ringbench::engine {
namespace {

// Requests waiting for a connection, per worker, at the most (8 MiB of intended times): a
// rate far beyond what the pool and server can carry fails the excess at once, counted,
// instead of growing the client's memory for as long as -t lets them wait.
constexpr uint64_t max_client_queue = 1u << 20;
// Releases per pass of the loop, at the most: a schedule the client cannot keep (a rate far
// beyond one core) falls behind, and says so, instead of starving the loop and its deadline.
constexpr uint32_t max_releases_per_pass = 1u << 16;

}  // namespace

// Workers take evenly spaced phases of a constant schedule, so together they send evenly too.
void Worker::start_schedule() {
  const Plan& plan = shared_.plan;
  const double phase = double(index_) / double(plan.workers.size());
  schedule_.emplace(plan.arrivals, run_profile(plan, plan.rate.value_or(0), shared_.shares[index_]), shared_.warmup_start_ns,
                    plan.seed ^ (uint64_t(index_ + 1) * 0x9e3779b97f4a7c15ull), phase);
  for (uint32_t slot = 0; slot < conns_.size(); ++slot) {
    if (conns_[slot].state() == ConnState::idle) offer_connection(slot, shared_.warmup_start_ns);
  }
}

// Closed loop with --stages: the connections sending follow the ramp (from 0); the others
// wait in idle_ until the ramp needs them.
void Worker::start_ramp() {
  ramp_.emplace(run_profile(shared_.plan, 0, shared_.shares[index_]));
  for (uint32_t slot = 0; slot < conns_.size(); ++slot) {
    if (conns_[slot].state() == ConnState::idle) list_idle(slot);
  }
  ramp_up(shared_.warmup_start_ns);
}

uint32_t Worker::ramp_level(uint64_t now) const noexcept {
  const uint64_t from = shared_.warmup_start_ns;
  return uint32_t(ramp_->level_at(now > from ? now - from : 0) + 0.5);
}

// More connections sending, up to the ramp's level now (fewer happen by use_idle).
void Worker::ramp_up(uint64_t now) {
  const uint32_t level = ramp_level(now);
  while (conns_.sending() < level && may_start_request(now)) {
    const std::optional<uint32_t> slot = take_idle();
    if (!slot) return;
    fill_pipeline(*slot, now);
  }
}

void Worker::list_idle(uint32_t slot) {
  Connection& c = conns_[slot];
  if (c.listed_idle) return;
  c.listed_idle = true;
  idle_.push_back(slot);
}

// A connection can take requests (it opened, or a response came back): in closed loop its next
// ones (unless a ramp has fewer connections sending now); in open loop the oldest requests
// waiting for a connection, if any.
void Worker::use_idle(uint32_t slot, uint64_t now) {
  if (conns_[slot].send_failed) return;  // its recv is draining it (on_send_failed)
  if (schedule_) return offer_connection(slot, now);
  if (ramp_ && requests_.empty(slot) && conns_.sending() >= ramp_level(now)) return list_idle(slot);
  fill_pipeline(slot, now);
}

void Worker::offer_connection(uint32_t slot, uint64_t now) {
  const bool may_send = now < run_deadline_ns_ && !shared_.stop.load(std::memory_order_relaxed);
  while (may_send && !queue_.empty() && requests_.size(slot) < depth_) start_scheduled(slot, queue_.pop_front(), false);
  if (requests_.empty(slot)) {
    list_idle(slot);
  } else if (requests_.size(slot) < depth_) {
    list_room(slot);
  }
}

// The most recently idle connection still idle (entries whose connection moved on are dropped).
std::optional<uint32_t> Worker::take_idle() noexcept {
  while (!idle_.empty()) {
    const uint32_t slot = idle_.back();
    idle_.pop_back();
    conns_[slot].listed_idle = false;
    if (conns_[slot].state() == ConnState::idle) return slot;
  }
  return std::nullopt;
}

// --pipeline in open loop: a connection carrying requests with room for more.
void Worker::list_room(uint32_t slot) {
  Connection& c = conns_[slot];
  if (c.listed_room) return;
  c.listed_room = true;
  room_.push_back(slot);
}

std::optional<uint32_t> Worker::take_room() noexcept {
  while (!room_.empty()) {
    const uint32_t slot = room_.back();
    room_.pop_back();
    conns_[slot].listed_room = false;
    const ConnState s = conns_[slot].state();
    const bool open = (s == ConnState::queued || s == ConnState::busy) && !conns_[slot].send_failed;
    if (open && requests_.size(slot) < depth_) return slot;
  }
  return std::nullopt;
}

// Requests that went back to the queue (their connection ended) take the connections free
// now: an idle one first, else (pipelining) one with room.
void Worker::serve_queue(uint64_t now) {
  const bool may_send = now < run_deadline_ns_ && !shared_.stop.load(std::memory_order_relaxed);
  while (may_send && !queue_.empty()) {
    std::optional<uint32_t> slot = take_idle();
    if (!slot && depth_ > 1) slot = take_room();
    if (!slot) return;
    start_scheduled(*slot, queue_.pop_front(), false);
  }
}

// Every request whose intended start has come: onto an idle connection (with --pipeline, else
// onto one with room), else into the queue. A request is due if its intended start is before
// the end, however late the client wakes: one released past the end is never sent and counts
// as unfinished (flush_sends, record_unfinished), so the schedule's count does not depend on
// when the client last woke.
void Worker::release_due(uint64_t now) {
  for (uint32_t released = 0;
       released < max_releases_per_pass && schedule_->next_ns() <= now && may_start_request(schedule_->next_ns());
       ++released) {
    const uint64_t intended = schedule_->next_ns();
    schedule_->advance();
    if (quota_left_) --*quota_left_;
    stats::Counters& n = stats_.counters;
    ++n.scheduled;
    const uint64_t clock_start = shared_.clock_start_ns.load(std::memory_order_relaxed);
    if (now > clock_start) n.last_release_ns = now - clock_start;
    // The queue is empty whenever a connection is idle or has room (offer_connection serves it first).
    std::optional<uint32_t> slot = take_idle();
    if (!slot && depth_ > 1) slot = take_room();
    if (slot) {
      start_scheduled(*slot, intended, true);
      continue;
    }
    if (queue_.size() >= max_client_queue) {  // a rate far beyond the pool: bounded memory
      count_queue_timeout("not sent: the client queue is full (" + std::to_string(max_client_queue) +
                          " requests waiting for a connection)");
      continue;
    }
    queue_.push_back(intended);
    ++n.waited_for_connection;
    if (queue_.size() > n.max_client_queue) n.max_client_queue = queue_.size();
  }
}

void Worker::start_scheduled(uint32_t slot, uint64_t intended_ns, bool found_room) {
  conns_[slot].awaited = false;  // no request waited for the connect: it waited in the queue
  PendingRequest r;
  r.start_ns = intended_ns;
  r.counts_lag = found_room;
  decide(slot, r);
  if (depth_ > 1 && requests_.size(slot) < depth_) list_room(slot);
}

// Requests that waited in the queue longer than -t fail without being sent.
void Worker::expire_queue(uint64_t now) {
  const uint64_t timeout = uint64_t(shared_.plan.timeout.count());
  while (!queue_.empty() && queue_.front() + timeout <= now) {
    queue_.pop_front();
    count_queue_timeout("not sent: no free connection for " + format_duration(shared_.plan.timeout));
  }
}

// A request that is never sent for want of a connection: a timeout, with its own message.
void Worker::count_queue_timeout(std::string&& message) {
  ++stats_.counters.errors[size_t(stats::ErrorClass::timeout)];
  std::string& first = stats_.counters.first_error[size_t(stats::ErrorClass::timeout)];
  if (first.empty()) first = std::move(message);
}

// A connection failed during an open-loop run: the request that has waited longest for a
// connection fails with it (there may be none: then only the first message is kept).
void Worker::fail_waiting_request(stats::ErrorClass cls, const char* what, int err) {
  if (queue_.empty()) return note_first_error(cls, what, err);
  queue_.pop_front();
  count_error(cls, what, err);
}

// The open-loop requests the run did not finish: queued ones and those not yet sent (in flight
// ones are counted by record_unfinished), aged from their intended start.
void Worker::record_unsent(uint64_t now) {
  for (uint64_t i = 0; i < queue_.size(); ++i) {
    ++stats_.counters.unfinished;
    stats_.unfinished_ages.add(now - queue_.at(i));
  }
}

}  // namespace ringbench::engine
