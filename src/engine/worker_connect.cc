// Opening, re-opening and retiring connections on direct descriptors.
#include <netinet/in.h>
#include <netinet/tcp.h>

#include <cerrno>
#include <cstring>
#include <string>

#include "ringbench/io/socket_command.h"
#include "ringbench/io/user_data.h"
#include "worker.h"

namespace ringbench::engine {
namespace {

const int one = 1;  // TCP_NODELAY value; must outlive the SQEs that point at it

// The source pair was taken: bind found it in use, or connect found its 4-tuple in use.
bool pair_taken(int err) { return err == EADDRINUSE || err == EADDRNOTAVAIL; }

}  // namespace

// One linked chain per (re)connect: [cancel the old socket's recv] -> socket into the same
// direct slot (which replaces and so releases the old socket) -> TCP_NODELAY ->
// [bind to a source (address, port) of source_ports_] -> connect.
// Only the connect posts a CQE on success; a failed step posts its error, cancels the rest
// (whose CQEs are then skipped too) and ends the connect (on_connect_step).
void Worker::connect(uint32_t slot, uint64_t now) {
  Connection& c = conns_[slot];
  // The slot has held a socket before, which may have a recv armed; not when the socket's
  // connect failed (a taken source pair tried again): cancel by fd scans every armed recv of
  // the ring, a cost per connection that grows with the connections open.
  const bool cancel_first = c.generation != 0 && c.state() != ConnState::connecting;
  ++c.generation;
  conns_.set_state(slot, ConnState::connecting);
  c.recv_armed = false;
  c.send_busy = false;  // a send on the old socket completes as stale
  c.send_failed = false;
  c.chain_error = 0;
  c.connect_start_ns = now;
  c.awaited = clock_running_;
  const uint32_t gen = c.generation;
  ring_->reserve(6);
  auto step = [&](Op op) {
    io_uring_sqe* sqe = ring_->next_sqe();
    io_uring_sqe_set_data64(sqe, io::UserData{op, gen, slot}.encode());
    return sqe;
  };
  if (cancel_first) {
    // Cancel by fd with ALL: a cancel that finds nothing still succeeds, so the chain goes on.
    io_uring_sqe* sqe = step(op_cancel);
    io_uring_prep_cancel_fd(sqe, int(slot), IORING_ASYNC_CANCEL_FD_FIXED | IORING_ASYNC_CANCEL_ALL);
    sqe->flags |= IOSQE_IO_LINK | IOSQE_CQE_SKIP_SUCCESS;
  }
  const sa_family_t family = shared_.plan.address.ss_family;
  io_uring_sqe* sqe = step(op_socket);
  io_uring_prep_socket_direct(sqe, family, SOCK_STREAM, 0, slot, 0);
  sqe->flags |= IOSQE_IO_LINK | IOSQE_CQE_SKIP_SUCCESS;
  if (sockopt_direct_) {
    sqe = step(op_sockopt);
    io::prep_setsockopt_direct(sqe, slot, IPPROTO_TCP, TCP_NODELAY, &one);
    sqe->flags |= IOSQE_IO_LINK | IOSQE_CQE_SKIP_SUCCESS;
  }
  if (source_ports_) {
    // No SO_REUSEADDR: a pair still held by anything, a TIME_WAIT or FIN_WAIT2 of an earlier run
    // included, fails the bind with EADDRINUSE and is skipped. With it, the bind would take such
    // a pair and the connect could reuse a TIME_WAIT whose server side is still in CLOSE_WAIT:
    // the SYN then meets a challenge ACK and waits a second for its retransmit (BENCHMARK.md,
    // "Opening many connections").
    sqe = step(op_bind);
    io::prep_bind_direct(sqe, slot, reinterpret_cast<const sockaddr*>(&source_ports_->assign(slot)),
                         sizeof(sockaddr_in));
    sqe->flags |= IOSQE_IO_LINK | IOSQE_CQE_SKIP_SUCCESS;
  }
  sqe = step(op_connect);
  io_uring_prep_connect(sqe, int(slot), reinterpret_cast<const sockaddr*>(&shared_.plan.address),
                        shared_.plan.address_length);
  sqe->flags |= IOSQE_FIXED_FILE;
  deadlines_.push(slot, now + uint64_t(shared_.plan.timeout.count()));
}

// A step before the connect failed. Its CQE is the chain's last: a request with
// IOSQE_CQE_SKIP_SUCCESS that fails posts its own CQE but suppresses those of the links it
// cancels (the kernel's REQ_F_SKIP_LINK_CQES), so the connect's -ECANCELED never comes and the
// connect ends here (until this was known, such a connection waited for its timeout).
void Worker::on_connect_step(uint32_t slot, int res, uint64_t now) {
  if (res >= 0) return;
  Connection& c = conns_[slot];
  if (c.chain_error == 0) c.chain_error = -res;
  on_connected(slot, res, now);  // a late -ECANCELED, should a kernel post it, finds it no longer connecting
}

void Worker::on_connected(uint32_t slot, int res, uint64_t now) {
  Connection& c = conns_[slot];
  if (c.state() != ConnState::connecting) return;
  deadlines_.remove(slot);
  if (res < 0 && source_ports_ && pair_taken(c.chain_error ? c.chain_error : -res) && source_ports_->may_retry(slot)) {
    const uint64_t started = c.connect_start_ns;
    connect(slot, now);  // the next pair, at once: a taken port is not the server's doing
    c.connect_start_ns = started;
    return;
  }
  if (source_ports_) source_ports_->settled(slot);
  if (res < 0) {
    // The first failing step of the chain says why; the connect itself then only reports -ECANCELED.
    return connect_failed(slot, stats::ErrorClass::connect, shared_.plan.connect_label.c_str(),
                          c.chain_error ? c.chain_error : -res, now);
  }
  arm_recv(slot);
  c.connected_ns = c.ready_ns = now;  // https: ready once the handshake is done
  if (tls_ctx_) return start_handshake(slot, now);  // counted as opening until it ends
  connection_ready(slot, now);
}

// The connection can carry requests (TCP connected, and for https the handshake done).
void Worker::connection_ready(uint32_t slot, uint64_t now) {
  Connection& c = conns_[slot];
  conns_.set_state(slot, ConnState::idle);
  c.failed_connects = 0;
  ++stats_.counters.connections;
  // The request this reconnect took goes back, to be taken again just below if it may still start.
  if (c.holds_request()) {
    conns_.release_request(slot);
    ++*quota_left_;
  }
  if (!clock_running_) return;
  ++stats_.counters.reconnects;
  use_idle(slot, now);
}

// Opens a new connection during the run, taking from the -n quota the request it will carry.
// Call only when may_reconnect().
void Worker::reconnect(uint32_t slot, uint64_t now) {
  if (quota_left_ && !schedule_) {  // open loop: requests come from the schedule
    --*quota_left_;
    conns_.hold_request(slot);
  }
  connect(slot, now);
}

void Worker::connect_failed(uint32_t slot, stats::ErrorClass cls, const char* what, int err, uint64_t now) {
  Connection& c = conns_[slot];
  conns_.set_state(slot, ConnState::dead);
  if (!clock_running_) {  // the run goes on with the connections that opened
    ++open_failures_;
    note_first_error(cls, what, err);
    return;
  }
  // During the run a failed reconnect is a failed request: it uses the request it took from
  // the -n quota (one started before the end of a warm-up takes it now); in open loop, the
  // request that has waited longest for a connection.
  if (schedule_) {
    fail_waiting_request(cls, what, err);
  } else if (c.holds_request()) {
    conns_.release_request(slot);
    count_error(cls, what, err);
  } else {
    if (!may_start_request(now)) return;  // past the deadline or Ctrl-C: not a request
    if (quota_left_) --*quota_left_;
    count_error(cls, what, err);
  }
  if (cls == stats::ErrorClass::connect && first_connect_error_ns_ == 0) first_connect_error_ns_ = now;
  if (c.failed_connects++ == 0) c.failing_since_ns = now;
  // A -n run must end even if the server never comes back (a -z run ends at its deadline).
  const bool give_up = quota_left_ && now - c.failing_since_ns >= give_up_after_ns;
  if (give_up || !may_reconnect(now)) return;
  conns_.set_state(slot, ConnState::backing_off);
  retries_.push(slot, now + backoff_delay_ns(c.failed_connects, jitter_.next()));
}

// Connections whose backoff is over try again.
void Worker::start_due_reconnects(uint64_t now) {
  while (!retries_.empty() && retries_.front_time() <= now) {
    const uint32_t slot = retries_.pop();
    conns_.set_state(slot, ConnState::dead);
    if (may_reconnect(now)) reconnect(slot, now);
  }
}

// The server ended the connection (or we must drop it): open a new one in the same slot.
void Worker::reopen(uint32_t slot, uint64_t now) {
  if (may_reconnect(now)) {
    reconnect(slot, now);
  } else {
    retire(slot);
  }
}

// Closes the slot for good: cancel its recv, then close the direct descriptor.
void Worker::retire(uint32_t slot) {
  Connection& c = conns_[slot];
  ++c.generation;
  conns_.set_state(slot, ConnState::dead);
  c.recv_armed = false;
  ring_->reserve(2);
  io_uring_sqe* sqe = ring_->next_sqe();
  io_uring_prep_cancel_fd(sqe, int(slot), IORING_ASYNC_CANCEL_FD_FIXED | IORING_ASYNC_CANCEL_ALL);
  io_uring_sqe_set_data64(sqe, io::UserData{op_cancel, c.generation, slot}.encode());
  sqe->flags |= IOSQE_IO_LINK | IOSQE_CQE_SKIP_SUCCESS;
  sqe = ring_->next_sqe();
  io_uring_prep_close_direct(sqe, slot);
  io_uring_sqe_set_data64(sqe, io::UserData{op_cancel, c.generation, slot}.encode());
  sqe->flags |= IOSQE_CQE_SKIP_SUCCESS;
}

// One multishot recv per connection into the worker's provided buffers.
void Worker::arm_recv(uint32_t slot) {
  Connection& c = conns_[slot];
  io_uring_sqe* sqe = ring_->next_sqe();
  io::prep_multishot_recv(sqe, slot, *buffers_);
  io_uring_sqe_set_data64(sqe, io::UserData{op_recv, c.generation, slot}.encode());
  c.recv_armed = true;
}

}  // namespace ringbench::engine
