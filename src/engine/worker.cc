#include "worker.h"

#include <algorithm>
#include <cassert>
#include <cstring>
#include <span>

#include "ringbench/core/cpu_set.h"
#include "ringbench/core/clock.h"
#include "ringbench/io/socket_command.h"
#include "ringbench/io/user_data.h"
#include "send_stamper.h"

namespace ringbench::engine {
namespace {

// Connects in flight per worker while opening: enough to open 10k connections quickly,
// few enough not to overflow the server's accept backlog (somaxconn defaults to 4096).
constexpr uint32_t max_connects_in_flight = 256;
// The loop wakes at least this often to notice Ctrl-C.
constexpr long long max_wait_ns = 50'000'000;
// A closed-loop ramp (--stages) adds connections at least this often.
constexpr uint64_t ramp_step_ns = 10'000'000;

uint64_t total_connections(const Plan& plan) {
  uint64_t n = 0;
  for (const WorkerPlan& w : plan.workers) n += w.connections;
  return n;
}

uint32_t pow2_at_least(uint64_t v, uint32_t lo, uint32_t hi) {
  uint32_t p = lo;
  while (p < v && p < hi) p <<= 1;
  return p;
}

}  // namespace

Worker::Worker(RunShared& shared, uint32_t index)
    : shared_(shared), plan_(shared.plan.workers[index]), index_(index), conns_(plan_.connections),
      depth_(shared.plan.pipeline), requests_(plan_.connections, depth_), deadlines_(plan_.connections), retries_(plan_.connections), jitter_(monotonic_ns() ^ (uint64_t(index) << 48)),
      queue_(plan_.connections * 2) {
  pending_sends_.reserve(plan_.connections);
  if (shared.plan.rate || !shared.plan.stages.empty()) idle_.reserve(plan_.connections);
  if (shared.plan.rate && depth_ > 1) room_.reserve(plan_.connections);
}

Worker::~Worker() = default;

void Worker::run() noexcept {
  bool arrived = false;
  try {
    setup();
    open_connections();
    shared_.opened[index_] = conns_.open();  // read by the start line's completion
    shared_.start_line.arrive_and_wait();
    arrived = true;
    clock_running_ = true;
    const uint64_t start = shared_.clock_start_ns.load();
    warming_ = start > shared_.warmup_start_ns;
    if (!warming_) quota_left_ = shared_.quotas[index_];  // else: unlimited until end_warmup()
    if (shared_.plan.duration) {
      run_deadline_ns_ = start + uint64_t(shared_.plan.duration->count());
      drain_end_ns_ = run_deadline_ns_ + uint64_t(shared_.plan.drain.count());
    }
    interval_.start(start, uint64_t(shared_.plan.interval.count()));
    const uint64_t first = shared_.warmup_start_ns;
    if (shared_.plan.rate) {
      start_schedule();
    } else if (!shared_.plan.stages.empty()) {
      start_ramp();
    } else {
      for (uint32_t slot = 0; slot < conns_.size(); ++slot) {
        if (conns_[slot].state() == ConnState::idle && may_start_request(first)) start_request(slot);
      }
    }
    loop();
  } catch (...) {
    error_ = std::current_exception();
    if (!arrived) {
      shared_.opened[index_] = 0;
      shared_.start_line.arrive_and_drop();
    }
  }
  release_tls();
  shared_.mailboxes[index_].close();
  shared_.worker_ended();
}

void Worker::setup() {
  if (!pin_current_thread(plan_.cpu)) fallbacks_.push_back("could not pin a worker to CPU " + std::to_string(plan_.cpu));
  const uint32_t n = std::max<uint32_t>(1, plan_.connections);
  io::RingOptions options;
  // Every connection may have a send, a recv re-arm and a 4-step connect chain queued at once.
  options.sq_entries = pow2_at_least(uint64_t(n) * 2 + 64, 64, 32768);
  options.cq_entries = pow2_at_least(uint64_t(n) * 4 + 256, 256, 65536);
  options.fixed_files = n;
  ring_ = std::make_unique<io::Ring>(options);
  fallbacks_.insert(fallbacks_.end(), ring_->fallbacks().begin(), ring_->fallbacks().end());
  // Incremental buffers are sized by bytes per burst (docs/IO_URING.md, burst-between-waits):
  // 256 bytes per connection (at least 1 MiB) holds one small response from every connection
  // (BENCHMARK.md, "Receive memory", has the measurement behind the figure). Larger bursts (large
  // bodies) find the ring empty and each such recv must be armed again; the loop then grows
  // the ring, up to 32 KiB per connection (64 MiB at most), so memory follows the responses.
  io::BufferRingSizing incremental{.buffer_size = 64 * 1024};
  incremental.entries = pow2_at_least(uint64_t(n) * 256 / incremental.buffer_size, 16, 4096);
  incremental.max_entries = pow2_at_least(uint64_t(n) * 32 * 1024 / incremental.buffer_size, incremental.entries, 1024);
  // Whole buffers: one per receive, so the ring must hold one per connection per burst.
  io::BufferRingSizing whole{.entries = pow2_at_least(n, 64, 32768), .buffer_size = 4096};
  whole.max_entries = std::min<uint32_t>(whole.entries * 8, 32768);
  buffers_ = std::make_unique<io::BufferRing>(ring_->get(), 0, incremental, whole);
  if (!buffers_->incremental()) {
    fallbacks_.push_back("incremental provided buffers unsupported (kernel < 6.12): one 4 KiB buffer per receive");
  }
  if (shared_.plan.zero_copy) register_request_buffer();
  setup_tls();
  sockopt_direct_ = io::setsockopt_command_supported();
  if (!sockopt_direct_) {
    fallbacks_.push_back("setsockopt through io_uring unsupported (kernel < 6.7): TCP_NODELAY not set; "
                         "each request is one send, so Nagle's algorithm does not delay it");
  }
  const Plan& plan = shared_.plan;
  if (!plan.sources.empty() && sockopt_direct_ && io::bind_command_supported()) {
    source_ports_.emplace(plan.sources, plan.source_ports, plan.source_start, index_, uint32_t(plan.workers.size()), n);
  } else if (!plan.sources.empty() && total_connections(plan) > plan.source_ports.size() / 4) {
    fallbacks_.push_back("binding direct sockets needs kernel 6.11: the kernel picks every source port, "
                         "which slows down as the range fills, and connections past it will fail");
  }
}

// SEND_ZC reads the request straight from pinned pages registered once per ring.
void Worker::register_request_buffer() {
  const int rc = ring_->register_send_buffer(shared_.plan.requests);
  zero_copy_ = rc == 0;
  if (!zero_copy_) {
    fallbacks_.push_back(std::string("cannot register the request buffer for zero-copy sends (") +
                         std::strerror(-rc) + "): using copying sends");
  }
}

void Worker::open_connections() {
  uint64_t now = monotonic_ns();
  uint32_t next = 0;
  while (!shared_.stop.load(std::memory_order_relaxed)) {
    while (conns_.opening() < max_connects_in_flight && next < conns_.size()) connect(next++, now);
    if (conns_.opening() == 0 && next >= conns_.size()) break;
    ring_->submit_and_wait(std::min<long long>(max_wait_ns, wait_budget_ns(now)));
    now = monotonic_ns();
    drain(now);
    expire_deadlines(now);
  }
}

void Worker::loop() {
  uint64_t now = monotonic_ns();
  while (!finished(now)) {
    flush_sends();
    // Here every request decided on is sent and none of the next wait's responses is in yet:
    // conns_.in_flight() is what is in flight.
    publish_live();
    // The last burst outgrew the receive buffers for many connections (a few re-arms now and
    // then are cheap, and tiny responses must not grow the memory): more buffers.
    if (starved_recvs_ > plan_.connections / 16) buffers_->grow();
    starved_recvs_ = 0;
    buffers_->publish();
    // Open loop also times the wait (loop_busy_share); closed loop reads the clock here only
    // for a lone send.
    const uint64_t before_wait = schedule_ || lone_send_ ? monotonic_ns() : 0;
    if (lone_send_) stamp_lone_send(before_wait);
    ring_->submit_and_wait(wait_budget_ns(now));
    const uint64_t after_wait = monotonic_ns();
    if (schedule_ && !warming_) count_loop(now, before_wait, after_wait);
    now = after_wait;
    if (warming_ && now >= shared_.clock_start_ns.load(std::memory_order_relaxed)) end_warmup();
    drain(now);
    if (schedule_) {
      release_due(now);
      expire_queue(now);
    }
    if (ramp_) ramp_up(now);
    if (interval_.due(now)) cut_interval(now);
    expire_deadlines(now);
    start_due_reconnects(now);
  }
  end_ns_ = now;
  record_unfinished(now);
  if (interval_.last_cut_ns() != now) cut_interval(now);  // the partial last interval
  publish_live();
}

// How long this pass of the loop took and how much of it waited in the kernel (the wait also
// carries the lone send, a few us).
void Worker::count_loop(uint64_t pass_start, uint64_t before_wait, uint64_t after_wait) noexcept {
  stats::Counters& n = stats_.counters;
  n.loop_ns += after_wait - pass_start;
  n.loop_wait_ns += after_wait - before_wait;
}

// The requests sent and not answered when the run stops waiting: how long each has waited.
// Open loop adds those due and not sent (their latency had started). Once per run.
void Worker::record_unfinished(uint64_t now) {
  for (uint32_t slot = 0; slot < conns_.size(); ++slot) {
    const uint32_t n = schedule_ ? requests_.size(slot) : written(slot);
    for (uint32_t i = 0; i < n; ++i) {
      ++stats_.counters.unfinished;
      stats_.unfinished_ages.add(now - requests_.at(slot, i).start_ns);
    }
  }
  if (schedule_) record_unsent(now);
}

// Hands the interval that ends now to the collector (IntervalRecorder::cut). Once a second:
// the histogram move and the lock are off the request path, and so is the recount that checks
// the connection counts in builds with assertions.
void Worker::cut_interval(uint64_t now) {
  shared_.mailboxes[index_].post(interval_.cut(now, stats_.counters));
  assert(invariants_hold());
}

// The derived connection counts match the states, and the backoff heap holds exactly the
// connections backing off.
bool Worker::invariants_hold() const noexcept {
  return conns_.counts_consistent() && retries_.size() == conns_.backing_off();
}

// The warm-up is over: forget what it measured (the connections stay open and counted), and
// charge the requests still in flight to the -n quota, since they will complete inside the
// measured window and be counted there.
void Worker::end_warmup() {
  warming_ = false;
  // What describes the connections, not the requests, stays.
  const stats::Counters kept = stats_.counters;
  const stats::PhaseStat handshakes = stats_.phases.handshakes;
  stats_ = stats::WorkerStats();
  stats_.counters.connections = kept.connections;
  stats_.counters.tls_full = kept.tls_full;
  stats_.counters.tls_resumed = kept.tls_resumed;
  stats_.counters.tls_version = kept.tls_version;
  stats_.phases.handshakes = handshakes;
  interval_.restart_counts();
  live_.restart_counts();
  first_connect_error_ns_ = 0;
  // Open loop: requests due before the clock and not answered yet count as scheduled in it.
  const uint64_t in_flight = outstanding_ + queue_.size();  // the queue is empty in closed loop
  if (schedule_) stats_.counters.scheduled = in_flight;
  if (const auto& quota = shared_.quotas[index_]) quota_left_ = *quota > in_flight ? *quota - in_flight : 0;
}

// Past the -z deadline nothing new is sent; with --drain the run still waits, until
// drain_end_ns_, for the responses of requests already in flight.
bool Worker::finished(uint64_t now) const noexcept {
  if (shared_.stop.load(std::memory_order_relaxed)) return true;
  if (now >= run_deadline_ns_) return conns_.in_flight() == 0 || now >= drain_end_ns_;
  if (quota_left_ && *quota_left_ == 0 && conns_.sending() == 0 && conns_.holding() == 0 && queue_.empty()) {
    return true;
  }
  // Nothing left that could make progress (every connection gave up).
  return conns_.open() == 0 && conns_.opening() == 0 && conns_.backing_off() == 0 && pending_sends_.empty();
}

long long Worker::wait_budget_ns(uint64_t now) const noexcept {
  // Wake for the end of the run (or of its drain), the next interval boundary, Ctrl-C polling
  // and the next timeout.
  const uint64_t end = now < run_deadline_ns_ ? run_deadline_ns_ : drain_end_ns_;
  uint64_t until = std::min<uint64_t>({end, interval_.next_boundary_ns(), now + max_wait_ns});
  if (warming_) until = std::min(until, shared_.clock_start_ns.load(std::memory_order_relaxed));
  if (!deadlines_.empty()) until = std::min(until, deadlines_.front_deadline());
  if (!retries_.empty()) until = std::min(until, retries_.front_time());
  if (schedule_ && may_start_request(now)) until = std::min(until, schedule_->next_ns());
  if (!queue_.empty()) until = std::min(until, queue_.front() + uint64_t(shared_.plan.timeout.count()));
  if (ramp_) until = std::min(until, now + ramp_step_ns);
  return until > now ? (long long)(until - now) : 0;
}

// Sends the requests decided on since the last wake, in chunks (send_stamper.h). A request
// still queued past the -z deadline or after Ctrl-C is never sent: not a request at all.
void Worker::flush_sends() {
  if (pending_sends_.empty()) return;
  const bool too_late = monotonic_ns() >= run_deadline_ns_ || shared_.stop.load(std::memory_order_relaxed);
  size_t k = 0;
  for (uint32_t slot : pending_sends_) {
    Connection& c = conns_[slot];
    c.listed_for_send = false;
    if (c.unsent == 0) continue;  // taken back since (the connection failed)
    if (c.send_busy) continue;    // on_send lists it again when the send in flight ends
    if (too_late) {
      drop_unsent(slot, monotonic_ns());
      continue;
    }
    conns_.set_state(slot, ConnState::busy);
    pending_sends_[k++] = slot;
  }
  const std::span<const uint32_t> sends(pending_sends_.data(), k);
  // Its send posts no CQE to end the wait early (pipelined sends are acknowledged).
  const bool lone_may_wait = !tls_ctx_ && !zero_copy_ && depth_ == 1;
  lone_send_ = submit_in_chunks(
      sends, lone_may_wait, [this](uint32_t slot) { prepare_send(slot); }, [this] { io_uring_submit(ring_->get()); },
      monotonic_ns, [this](uint32_t slot, uint64_t start) { stamp_send(slot, start); });
  pending_sends_.clear();
}

// One send carries every request decided on the connection since its last send: the first
// `unsent` copies of the request, back to back. With --pipeline it is acknowledged, so the
// next send on the socket waits for it.
void Worker::prepare_send(uint32_t slot) {
  Connection& c = conns_[slot];
  c.send_length = uint32_t(shared_.plan.request.size() * c.unsent);
  c.send_offset = 0;
  if (tls_ctx_) return write_tls_request(slot);
  const char* requests = shared_.plan.requests.data();
  io_uring_sqe* sqe = ring_->next_sqe();
  if (zero_copy_) {
    io_uring_prep_send_zc_fixed(sqe, int(slot), requests, c.send_length, MSG_WAITALL | MSG_NOSIGNAL, 0, 0);
    sqe->flags |= IOSQE_FIXED_FILE;
    c.send_mode = SendMode::zero_copy;
    c.send_busy = true;
  } else if (depth_ > 1) {
    io_uring_prep_send(sqe, int(slot), requests, c.send_length, MSG_WAITALL | MSG_NOSIGNAL);
    sqe->flags |= IOSQE_FIXED_FILE;
    c.send_mode = SendMode::acknowledged;
    c.send_busy = true;
  } else {
    // A whole send posts no CQE (MSG_WAITALL makes "success" mean every byte): half the
    // completions of a request gone. Counted as sent now; on_send corrects what was not.
    io_uring_prep_send(sqe, int(slot), requests, c.send_length, MSG_WAITALL | MSG_NOSIGNAL);
    sqe->flags |= IOSQE_FIXED_FILE | IOSQE_CQE_SKIP_SUCCESS;
    c.send_mode = SendMode::unacknowledged;
    stats_.counters.bytes_written += c.send_length;
  }
  io_uring_sqe_set_data64(sqe, io::UserData{op_send, c.generation, slot}.encode());
}

// The lone send (send_stamper.h) goes out with the io_uring_enter that then waits for
// responses. Its send posts no CQE, so the wait is not cut short by it. It is the first thing
// that enter does, so `now`, taken just before, is its start as exactly as a chunk's stamp is
// for its first send.
void Worker::stamp_lone_send(uint64_t now) {
  stamp_send(*lone_send_, now);
  lone_send_.reset();
}

// The send's end is not observed (it posts no CQE on success), so the request's only send
// event is its start: it is ready to go there, and its latency starts there unless it waited
// for a new connection (then both were set when it started: stats/phases.h) or it is an
// open-loop request (its latency starts at its intended time). The timeout counts from the send.
void Worker::stamp_send(uint32_t slot, uint64_t send_start) {
  Connection& c = conns_[slot];
  const uint32_t first = written(slot);
  for (uint32_t i = first; i < requests_.size(slot); ++i) {
    PendingRequest& r = requests_.at(slot, i);
    if (schedule_) {
      r.ready_ns = send_start;
    } else if (!r.on_new_connection) {
      r.start_ns = r.ready_ns = send_start;
    }
  }
  c.unsent = 0;
  // The oldest request outstanding has -t; with more in flight, each response restarts it.
  if (first == 0) deadlines_.push(slot, send_start + uint64_t(shared_.plan.timeout.count()));
}

void Worker::drain(uint64_t now) {
  io_uring* ring = ring_->get();
  unsigned head;
  unsigned seen = 0;
  io_uring_cqe* cqe;
  io_uring_for_each_cqe(ring, head, cqe) {
    handle(*cqe, now);
    ++seen;
  }
  io_uring_cq_advance(ring, seen);
}

void Worker::handle(const io_uring_cqe& cqe, uint64_t now) {
  const io::UserData d = io::UserData::decode(cqe.user_data);
  if (d.op == op_recv) return on_recv(cqe, d.slot, now);  // checks its generation itself
  // A zero-copy send's second CQE only says the (shared, immutable) buffer is free again.
  if (cqe.flags & IORING_CQE_F_NOTIF) return;
  if (!d.of_generation(conns_[d.slot].generation)) return;  // late: the slot was reused
  switch (d.op) {
    case op_cancel:
    case op_socket:
    case op_sockopt:
    case op_bind: return on_connect_step(d.slot, cqe.res, now);
    case op_connect: return on_connected(d.slot, cqe.res, now);
    case op_send: return on_send(d.slot, cqe.res, now);
    default: return;
  }
}

void Worker::publish_live() noexcept {
  live_.publish(shared_.live, stats_.counters, conns_.open(), uint32_t(outstanding_));
}

}  // namespace ringbench::engine
