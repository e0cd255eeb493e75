#include "server_worker.h"

#include <sys/socket.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <string>

#include "ringbench/core/error.h"
#include "ringbench/io/user_data.h"

namespace ringbench::serve {
namespace {

using io::UserData;

constexpr uint16_t buffer_group = 1;
// Incremental buffers pack receives from every connection back to back, so their total is
// sized by the bytes of one burst between two waits (docs/IO_URING.md, burst-between-waits), not per connection.
constexpr io::BufferRingSizing incremental_buffers{.entries = 32, .buffer_size = 64 * 1024};
// Without incremental consumption every receive takes a whole buffer, however small.
constexpr io::BufferRingSizing whole_buffers{.entries = 4096, .buffer_size = 4 * 1024};
constexpr unsigned max_sq_entries = 4096;
constexpr unsigned completions_per_peek = 256;

io::RingOptions ring_options(uint32_t max_connections) {
  io::RingOptions o;
  o.sq_entries = std::clamp<unsigned>(max_connections, 64, max_sq_entries);
  // A recv, a send and a timer per connection can complete in one wait; an overflowing CQ
  // ends multishot requests (docs/IO_URING.md, cq-overflow). io::Ring caps this at 65536.
  o.cq_entries = 4 * std::max<unsigned>(max_connections, 1024);
  o.fixed_files = max_connections;
  return o;
}

// accept errors that mean the listener itself is unusable; others concern one connection.
bool listener_broken(int error) { return error == EBADF || error == EINVAL || error == ENOTSOCK || error == EOPNOTSUPP; }

}  // namespace

ServerWorker::ServerWorker(const WorkerConfig& config)
    : config_(config),
      delay_ns_(uint64_t(config.delay.count())),
      jitter_(uint64_t(config.jitter.count())),
      schedule_(config.sharing ? 0 : config.capacity),
      sharing_(config.sharing ? config.capacity : 0, uint64_t(config.delay.count())),
      stall_(config.stall, config.first_request_ns),
      ring_(ring_options(config.max_connections)),
      connections_(config.max_connections) {
  buffers_ = std::make_unique<io::BufferRing>(ring_.get(), buffer_group, incremental_buffers, whole_buffers);
  if (config_.tls) tls_plain_ = std::make_unique<char[]>(tls_plain_capacity);
}

ServerWorker::~ServerWorker() = default;

void ServerWorker::run(const std::atomic<bool>& stop, const std::atomic<bool>& abort) {
  arm_accept();
  while (!stop.load(std::memory_order_relaxed) && !abort.load(std::memory_order_relaxed)) {
    ring_.submit_and_wait(stop_check_interval.count());
    drain_completions();
  }
}

void ServerWorker::drain_completions() {
  io_uring_cqe* cqes[completions_per_peek];
  for (;;) {
    const unsigned n = io_uring_peek_batch_cqe(ring_.get(), cqes, completions_per_peek);
    if (n == 0) break;
    for (unsigned i = 0; i < n; ++i) handle(*cqes[i]);
    io_uring_cq_advance(ring_.get(), n);
    // Scanned buffers go back before anything re-armed here is submitted.
    buffers_->publish();
  }
}

void ServerWorker::handle(const io_uring_cqe& cqe) {
  const UserData d = UserData::decode(cqe.user_data);
  switch (d.op) {
    case op_accept:
      on_accept(cqe);
      break;
    case op_recv:
      on_recv(cqe, d.slot, d.generation);
      break;
    case op_send:
      on_send(cqe, d.slot, d.generation);
      break;
    case op_timer:
      on_timer(d.slot, d.generation);
      break;
    case op_sharing_timer:
      sharing_timer_armed_ = false;
      finish_shared(monotonic_ns());
      break;
    default:
      break;  // op_close: a failed cancel, close or timer removal; the slot is gone either way
  }
}

ServerWorker::Connection* ServerWorker::live(uint32_t slot, uint32_t generation) noexcept {
  if (slot >= connections_.size()) return nullptr;
  Connection& c = connections_[slot];
  return c.open && io::UserData{.generation = generation}.of_generation(c.generation) ? &c : nullptr;
}

io_uring_sqe* ServerWorker::sqe(uint8_t op, uint32_t slot, uint32_t generation) {
  io_uring_sqe* s = ring_.next_sqe();
  io_uring_sqe_set_data64(s, UserData{op, generation, slot}.encode());
  return s;
}

void ServerWorker::arm_accept() {
  io_uring_prep_multishot_accept_direct(sqe(op_accept, 0, 0), config_.listen_fd, nullptr, nullptr, 0);
  accept_armed_ = true;
}

void ServerWorker::on_accept(const io_uring_cqe& cqe) {
  if (!(cqe.flags & IORING_CQE_F_MORE)) accept_armed_ = false;
  if (cqe.res >= 0) {
    const uint32_t slot = uint32_t(cqe.res);
    Connection& c = connections_[slot];  // the kernel allocates slots within the table
    c.scanner.reset();
    c.queue.clear();
    c.sending = 0;
    c.served = 0;
    c.open = true;
    c.reading = true;
    c.peer_closed = false;
    c.closing_send = false;
    c.timer_armed = false;
    c.tls_sending = false;
    if (config_.tls) c.session = tls::Session::server(*config_.tls);
    WorkerCounters::add(config_.counters->connections, 1);
    arm_recv(c, slot);
  } else if (cqe.res == -ENFILE) {
    accept_paused_ = true;  // table full; the kernel dropped that connection
  } else if (listener_broken(-cqe.res)) {
    throw_cannot_run(std::string("serve: accept failed: ") + std::strerror(-cqe.res));
  }
  if (!accept_armed_ && !accept_paused_) arm_accept();
}

void ServerWorker::arm_recv(Connection& c, uint32_t slot) {
  io_uring_sqe* s = sqe(op_recv, slot, c.generation);
  io::prep_multishot_recv(s, slot, *buffers_);
}

void ServerWorker::on_recv(const io_uring_cqe& cqe, uint32_t slot, uint32_t generation) {
  // Buffers are tracked in CQE order, so data() and release() run for late CQEs too.
  const bool has_buffer = cqe.flags & IORING_CQE_F_BUFFER;
  const char* data = has_buffer ? buffers_->consume(cqe) : nullptr;
  Connection* c = live(slot, generation);
  if (c && cqe.res > 0 && c->reading) {
    if (config_.tls) {
      tls_received(*c, slot, data, size_t(cqe.res));
    } else {
      consume(*c, slot, data, size_t(cqe.res));
    }
  }
  if (has_buffer) buffers_->release(cqe);
  c = live(slot, generation);
  if (!c) return;
  if (cqe.res == 0) {
    if (config_.tls) c->session.feed_end();
    c->reading = false;
    c->peer_closed = true;
    pump(*c, slot);  // closes once the responses owed are sent
    return;
  }
  if (cqe.res < 0 && cqe.res != -ENOBUFS) {
    close(*c, slot);  // ECONNRESET and friends: normal for a load generator's connections
    return;
  }
  // The multishot ended without EOF: out of buffers (flow control) or a full CQ. Nothing in
  // the socket was lost; receive again unless no further request will be answered.
  if (!(cqe.flags & IORING_CQE_F_MORE) && c->reading) {
    if (cqe.res == -ENOBUFS) buffers_->publish();
    arm_recv(*c, slot);
  }
}

void ServerWorker::consume(Connection& c, uint32_t slot, const char* data, size_t len) {
  // Requests that arrived together become due together (and share a run), unless --capacity
  // queues each for a server of its own.
  const uint64_t service_ns = delay_ns_ + jitter_.next_ns();
  const uint64_t arrival_ns = service_ns || stall_.pending() ? monotonic_ns() : 0;
  if (sharing_.enabled()) finish_shared(arrival_ns);  // before the arrivals slow the rest down
  while (len > 0 && c.reading) {
    RequestScanner::Outcome outcome;
    const size_t used = c.scanner.scan(data, len, outcome);
    data += used;
    len -= used;
    ResponseKind kind;
    switch (outcome) {
      case RequestScanner::Outcome::need_more:
        continue;
      case RequestScanner::Outcome::request:
        kind = ok_response(c.scanner.head(), c.scanner.http10(), c.scanner.keep_alive());
        break;
      case RequestScanner::Outcome::bad_request:
        kind = ResponseKind::bad_request;
        break;
      case RequestScanner::Outcome::header_too_large:
        kind = ResponseKind::header_too_large;
        break;
      case RequestScanner::Outcome::not_implemented:
      default:
        kind = ResponseKind::not_implemented;
        break;
    }
    if (sharing_.enabled() && is_ok(kind)) {
      sharing_.admit(arrival_ns, {slot, c.generation});
      c.queue.push(kind, waiting_for_service);
    } else {
      c.queue.push(kind, due_ns(arrival_ns, service_ns));
    }
    if (closes_connection(kind)) c.reading = false;  // later bytes are never answered
  }
  arm_sharing_timer();
  pump(c, slot);
}

void ServerWorker::finish_shared(uint64_t now_ns) {
  sharing_.finish_until(now_ns, [this](SharingSchedule::Job job, uint64_t) {
    Connection* c = live(job.slot, job.generation);
    if (!c) return;  // closed while in service: the server did the work all the same
    ++c->served;
    pump(*c, job.slot);
  });
  arm_sharing_timer();
}

void ServerWorker::arm_sharing_timer() {
  const uint64_t at = sharing_.next_finish_ns();
  if (sharing_timer_armed_ || at == 0) return;
  sharing_timer_at_.tv_sec = int64_t(at / 1'000'000'000);
  sharing_timer_at_.tv_nsec = int64_t(at % 1'000'000'000);
  io_uring_prep_timeout(sqe(op_sharing_timer, 0, 0), &sharing_timer_at_, 0, IORING_TIMEOUT_ABS);
  sharing_timer_armed_ = true;
}

uint64_t ServerWorker::due_ns(uint64_t arrival_ns, uint64_t service_ns) {
  const uint64_t served_ns = service_ns ? schedule_.finish_ns(arrival_ns, service_ns) : 0;
  // Inside the stall window: not before it ends, and not before its own service is done.
  return std::max(served_ns, stall_.hold_until(arrival_ns));
}

void ServerWorker::pump(Connection& c, uint32_t slot) {
  if (c.sending > 0 || c.tls_sending) return;  // one send in flight at a time keeps responses in order
  if (c.queue.empty()) {
    if (c.peer_closed) close(c, slot);
    return;
  }
  const ResponseQueue::Run& run = c.queue.front();
  const bool shared = run.due_ns == waiting_for_service;
  if (shared && c.served == 0) return;  // finish_shared() pumps again when one is done
  if (!shared && run.due_ns > 0 && run.due_ns > monotonic_ns()) {
    arm_timer(c, slot, run.due_ns);
    return;
  }
  const ResponseTemplates& templates = *config_.templates;
  const ResponseKind kind = run.kind;
  // Counted (below) before the client can possibly read it: a client that got N responses sees N.
  uint32_t n = std::min(run.count, templates.batch_limit(kind));
  if (shared) {
    n = std::min(n, c.served);
    c.served -= n;
  }
  const std::string_view bytes = templates.batch(kind, n);
  if (is_ok(kind)) WorkerCounters::add(config_.counters->requests, n);
  c.sending = n;
  c.closing_send = closes_connection(kind);
  c.queue.pop(n);
  if (config_.tls) return tls_respond(c, slot, bytes);
  io_uring_sqe* s = sqe(op_send, slot, c.generation);
  // MSG_WAITALL: the kernel retries a short send itself, so one CQE means all of it.
  io_uring_prep_send(s, int(slot), bytes.data(), bytes.size(), MSG_WAITALL | MSG_NOSIGNAL);
  s->flags |= IOSQE_FIXED_FILE;
  c.send_bytes = uint32_t(bytes.size());
}

void ServerWorker::on_send(const io_uring_cqe& cqe, uint32_t slot, uint32_t generation) {
  Connection* c = live(slot, generation);
  if (!c) return;
  if (config_.tls) return tls_sent(*c, slot, cqe.res);
  if (cqe.res < 0 || uint32_t(cqe.res) != c->send_bytes) {
    close(*c, slot);  // the peer reset or stopped: what is owed can no longer be delivered
    return;
  }
  c->sending = 0;
  if (c->closing_send) {
    close(*c, slot);
    return;
  }
  pump(*c, slot);
}

void ServerWorker::arm_timer(Connection& c, uint32_t slot, uint64_t due_ns) {
  if (c.timer_armed) return;
  c.timer_at.tv_sec = int64_t(due_ns / 1'000'000'000);
  c.timer_at.tv_nsec = int64_t(due_ns % 1'000'000'000);
  // IORING_OP_TIMEOUT measures CLOCK_MONOTONIC, the clock of monotonic_ns().
  io_uring_prep_timeout(sqe(op_timer, slot, c.generation), &c.timer_at, 0, IORING_TIMEOUT_ABS);
  c.timer_armed = true;
}

void ServerWorker::on_timer(uint32_t slot, uint32_t generation) {
  Connection* c = live(slot, generation);
  if (!c) return;
  c->timer_armed = false;
  pump(*c, slot);
}

void ServerWorker::close(Connection& c, uint32_t slot) {
  if (!c.open) return;
  const uint32_t old_generation = c.generation;
  c.open = false;
  c.reading = false;
  c.queue.clear();
  // Completions still in flight for this connection carry the old generation and are dropped.
  c.generation = (c.generation + 1) & UserData::generation_mask;
  if (c.timer_armed) {
    io_uring_sqe* s = sqe(op_close, slot, old_generation);
    io_uring_prep_timeout_remove(s, UserData{op_timer, old_generation, slot}.encode(), 0);
    s->flags |= IOSQE_CQE_SKIP_SUCCESS;
    c.timer_armed = false;
  }
  // An armed multishot recv keeps the socket alive after close_direct (docs/IO_URING.md, close-needs-cancel):
  // cancel everything on the slot first. The two SQEs must reach the kernel in one submit
  // for the link to hold, and the hard link closes the slot even if the cancel reports an error.
  if (io_uring_sq_space_left(ring_.get()) < 2) io_uring_submit(ring_.get());
  io_uring_sqe* cancel = sqe(op_close, slot, old_generation);
  io_uring_prep_cancel_fd(cancel, int(slot), IORING_ASYNC_CANCEL_FD_FIXED | IORING_ASYNC_CANCEL_ALL);
  cancel->flags |= IOSQE_IO_HARDLINK | IOSQE_CQE_SKIP_SUCCESS;
  io_uring_sqe* close_slot = sqe(op_close, slot, old_generation);
  io_uring_prep_close_direct(close_slot, slot);
  close_slot->flags |= IOSQE_CQE_SKIP_SUCCESS;
  if (accept_paused_) {
    accept_paused_ = false;
    if (!accept_armed_) arm_accept();
  }
}

}  // namespace ringbench::serve
