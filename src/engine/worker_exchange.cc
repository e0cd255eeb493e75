// Requests and responses: queueing sends, parsing what arrives, timeouts and error accounting.
#include <algorithm>
#include <cerrno>
#include <cstring>
#include <string>

#include "ringbench/core/duration.h"
#include "ringbench/io/user_data.h"
#include "worker.h"

namespace ringbench::engine {

using stats::ErrorClass;

void Worker::on_send(uint32_t slot, int res, uint64_t now) {
  Connection& c = conns_[slot];
  if (c.send_mode == SendMode::tls) return on_tls_send(slot, res, now);
  const uint32_t done = res > 0 ? uint32_t(res) : 0;
  uint64_t& written = stats_.counters.bytes_written;
  if (c.send_mode == SendMode::unacknowledged) {
    // Counted whole when submitted: this CQE says it was not. (Saturating: a send from before
    // the end of a warm-up was counted in the stats it reset.)
    written -= std::min<uint64_t>(written, c.send_length - std::min(done, c.send_length));
  } else {
    written += done;
  }
  c.send_offset += done;
  if (res >= 0 && c.send_offset < c.send_length) return send_rest(slot);
  c.send_busy = false;
  if (res < 0) return on_send_failed(slot, -res, now);
  // Requests decided while it was in flight go with the next send.
  if (c.unsent > 0 && !c.listed_for_send) {
    c.listed_for_send = true;
    pending_sends_.push_back(slot);
  }
}

// A send failed. When the server closed or reset the socket (EPIPE, ECONNRESET), responses it
// sent before may still wait in the socket: its receive queue is read before the error. Then,
// with a recv armed, the connection takes no more requests and the recv drains it: a
// Connection: close among the responses retries the requests behind it, the end of the stream
// fails those still written (on_eof, on_recv), and -t bounds the wait. Failing them all here
// would count answered requests as errors whenever the send's CQE overtakes the recv's.
void Worker::on_send_failed(uint32_t slot, int err, uint64_t now) {
  Connection& c = conns_[slot];
  if (c.state() != ConnState::busy) return;
  const bool peer_closed = err == EPIPE || err == ECONNRESET;  // else no end of stream may come
  if (!peer_closed || !c.recv_armed) return fail_request(slot, ErrorClass::reset, "send", err, now);
  c.send_failed = true;
  take_back_unsent(slot);
  serve_queue(now);
}

// MSG_WAITALL makes short sends rare (a signal); the rest goes with a send whose CQE counts it.
void Worker::send_rest(uint32_t slot) {
  Connection& c = conns_[slot];
  io_uring_sqe* sqe = ring_->next_sqe();
  io_uring_prep_send(sqe, int(slot), shared_.plan.requests.data() + c.send_offset, c.send_length - c.send_offset,
                     MSG_WAITALL | MSG_NOSIGNAL);
  sqe->flags |= IOSQE_FIXED_FILE;
  io_uring_sqe_set_data64(sqe, io::UserData{op_send, c.generation, slot}.encode());
  c.send_mode = SendMode::acknowledged;
  c.send_busy = true;
}

void Worker::on_recv(const io_uring_cqe& cqe, uint32_t slot, uint64_t now) {
  Connection& c = conns_[slot];
  const int res = cqe.res;
  // consume() must see every buffer CQE in order, stale or not, to track incremental buffers.
  const char* data = res > 0 ? buffers_->consume(cqe) : nullptr;
  const io::UserData d = io::UserData::decode(cqe.user_data);
  const bool current = d.of_generation(c.generation) && receives(c.state());
  if (!current) {
    if (data) buffers_->release(cqe);
    return;
  }
  if (!(cqe.flags & IORING_CQE_F_MORE)) c.recv_armed = false;
  if (res > 0) {
    stats_.counters.bytes_read += uint64_t(res);
    if (tls_ctx_) {
      on_tls_bytes(slot, data, size_t(res), now);
    } else {
      on_response_bytes(slot, data, size_t(res), now);
    }
    buffers_->release(cqe);
  } else if (res == 0) {
    return tls_ctx_ ? on_tls_end(slot, now) : on_eof(slot, now);
  } else if (res == -ENOBUFS) {  // buffer ring empty for a moment: flow control, not an error
    ++starved_recvs_;
  } else {
    return fail_request(slot, ErrorClass::reset, "recv", -res, now);
  }
  // Still the same socket and the multishot ended (ENOBUFS, full CQ): arm it again.
  if (d.of_generation(c.generation) && !c.recv_armed && receives(c.state())) arm_recv(slot);
}

// Response bytes (plaintext: straight from the receive buffer, or decrypted by read_tls).
// With --pipeline one buffer may end one response and carry the next ones.
void Worker::on_response_bytes(uint32_t slot, const char* data, size_t len, uint64_t now) {
  Connection& c = conns_[slot];
  for (;;) {
    if (c.state() != ConnState::busy) {
      note_first_error(ErrorClass::protocol, "server sent bytes while no request was outstanding", 0);
      return fail_request(slot, ErrorClass::protocol, "unsolicited bytes", 0, now);
    }
    if (!c.parser.started()) c.first_byte_ns = now;
    size_t used = 0;
    switch (c.parser.feed(data, len, used)) {
      case http::ResponseParser::Result::need_more: return;
      case http::ResponseParser::Result::error:
        return fail_request(slot, ErrorClass::protocol, http::describe(c.parser.error()), 0, now);
      case http::ResponseParser::Result::complete: break;
    }
    if (used < len && written(slot) == 1) {
      // Nothing else was asked for, so nothing may follow: its framing was wrong (typically a
      // Content-Length shorter than the body). The exchange failed; don't count it as a response.
      return fail_request(slot, ErrorClass::protocol, "bytes after the end of the response (wrong framing)", 0, now);
    }
    complete_response(slot, now);
    if (!c.parser.keep_alive()) return close_after_response(slot, now);
    if (!requests_.empty(slot)) c.parser.start(shared_.plan.head_request);  // the next one's
    if (used == len) break;
    data += used;
    len -= used;
  }
  use_idle(slot, now);
}

void Worker::on_eof(uint32_t slot, uint64_t now) {
  Connection& c = conns_[slot];
  if (c.state() != ConnState::busy) {  // closed between responses: nothing decided was sent
    take_back_unsent(slot);
    serve_queue(now);
    return reopen(slot, now);
  }
  switch (c.parser.feed_eof()) {
    case http::ResponseParser::Result::complete:  // close-delimited body
      complete_response(slot, now);
      return close_after_response(slot, now);
    case http::ResponseParser::Result::error:
      return fail_request(slot, ErrorClass::protocol, http::describe(c.parser.error()), 0, now);
    case http::ResponseParser::Result::need_more:
      return fail_request(slot, ErrorClass::reset, "server closed the connection before responding", 0, now);
  }
}

// The oldest request's response is complete.
void Worker::complete_response(uint32_t slot, uint64_t now) {
  Connection& c = conns_[slot];
  const PendingRequest r = requests_.pop_front(slot);
  --outstanding_;
  const uint64_t latency = now - r.start_ns;
  stats_.latency.record(latency);
  interval_.record(latency);
  if (schedule_) {
    stats_.service_time.record(now - r.ready_ns);
    if (r.counts_lag) stats_.send_lag.record(r.ready_ns - r.start_ns);
  }
  stats::Counters& n = stats_.counters;
  ++n.responses;
  n.count_status(c.parser.status());
  n.body_bytes += c.parser.body_bytes();
  record_phases(c, r, now);
  if (written(slot) == 0) {
    deadlines_.remove(slot);
    conns_.set_state(slot, requests_.empty(slot) ? ConnState::idle : ConnState::queued);
  } else {
    deadlines_.push(slot, now + uint64_t(shared_.plan.timeout.count()));  // -t for the next response
  }
  if (tls_ctx_) save_tls_session(slot);
}

// The server ends the connection after this response (Connection: close, or a body that ran
// to the close). Pipelined requests behind it were never read by it (RFC 9112 §9.6): they go
// back, to be sent on another connection, and the slot opens a new one.
void Worker::close_after_response(uint32_t slot, uint64_t now) {
  retry_requests(slot, now);
  reopen(slot, now);
}

// The phases of a complete response tile its latency, start to `now` (stats/phases.h): the
// events are in order on one clock (ready is stamped before the enter that sends, the first
// byte after an enter that reaped it), so no difference is negative.
void Worker::record_phases(const Connection& c, const PendingRequest& r, uint64_t now) noexcept {
  stats::Phases& p = stats_.phases;
  if (r.on_new_connection) {
    p.connect.record(c.connected_ns - c.connect_start_ns);
    if (tls_ctx_) p.tls.record(r.ready_ns - c.connected_ns);
  }
  if (schedule_) p.queue.record(r.ready_ns - r.start_ns);
  p.wait.record(c.first_byte_ns - r.ready_ns);
  p.read.record(now - c.first_byte_ns);
}

// A request (or the connection carrying it) failed: each request written on it fails with
// it, those not yet written go back (to the -n quota, or the open-loop queue), and the slot
// starts over on a fresh connection.
void Worker::fail_request(uint32_t slot, ErrorClass cls, const char* what, int err, uint64_t now) {
  if (conns_[slot].state() == ConnState::handshaking) return drop_handshake(slot, cls, what, err, now);
  deadlines_.remove(slot);
  fail_requests(slot, cls, what, err, now);
  reopen(slot, now);
}

void Worker::expire_deadlines(uint64_t now) {
  while (!deadlines_.empty() && deadlines_.front_deadline() <= now) {
    const uint32_t slot = deadlines_.front();
    Connection& c = conns_[slot];
    deadlines_.remove(slot);
    if (c.state() == ConnState::busy) {
      fail_request(slot, ErrorClass::timeout, "request", 0, now);
    } else if (c.state() == ConnState::connecting) {
      connect_failed(slot, ErrorClass::connect, shared_.plan.connect_label.c_str(), ETIMEDOUT, now);
    } else if (c.state() == ConnState::handshaking) {
      drop_handshake(slot, ErrorClass::timeout, "TLS handshake", 0, now);
    }
  }
}

void Worker::count_error(ErrorClass cls, const char* what, int err) {
  ++stats_.counters.errors[size_t(cls)];
  note_first_error(cls, what, err);
}

// Formats a message only for the first error of each class: errors stay cheap.
void Worker::note_first_error(ErrorClass cls, const char* what, int err) {
  std::string& first = stats_.counters.first_error[size_t(cls)];
  if (!first.empty()) return;
  if (cls == ErrorClass::timeout) {
    first = std::string(what) + ": no response within " + format_duration(shared_.plan.timeout);
  } else if (err != 0) {
    first = std::string(what) + ": " + std::strerror(err);
  } else {
    first = what;
  }
}

}  // namespace ringbench::engine
