// HTTPS: a TLS session per connection, driven by the same ring. After the TCP connect the slot
// is `handshaking` (still counted as opening, so the clock waits for opening handshakes);
// ciphertext arrives through the multishot recv and is fed to the session, decrypted bytes go
// to the response parser in place, and the session's outbound bytes go out with one send at a
// time (they stay put until consumed, so the send can point at them).
#include <string>

#include "ringbench/io/user_data.h"
#include "ringbench/tls/thread_resources.h"
#include "worker.h"

namespace ringbench::engine {
namespace {

// Plaintext scratch: one TLS record holds at most 16 KiB.
constexpr size_t plain_capacity = 16 * 1024;

}  // namespace

using stats::ErrorClass;
using Status = tls::Session::Status;

void Worker::setup_tls() {
  if (!shared_.plan.tls) return;
  tls_ctx_ = std::make_unique<tls::ClientContext>(*shared_.plan.tls);
  tls_.resize(conns_.size());
  tls_plain_ = std::make_unique<char[]>(plain_capacity);
  for (uint32_t slot = 0; slot < conns_.size(); ++slot) conns_[slot].send_mode = SendMode::tls;
}

void Worker::start_handshake(uint32_t slot, uint64_t now) {
  TlsSlot& t = tls_[slot];
  const tls::SavedSession* resume = t.saved.empty() ? nullptr : &t.saved;
  t.session = tls::Session::client(*tls_ctx_, shared_.plan.tls_server_name, resume);
  t.handshake_start_ns = now;
  t.send_in_flight = false;  // a send of the previous socket completes as stale
  t.saved_this_connection = false;
  conns_.set_state(slot, ConnState::handshaking);
  deadlines_.push(slot, now + uint64_t(shared_.plan.timeout.count()));
  continue_handshake(slot, now);
}

void Worker::continue_handshake(uint32_t slot, uint64_t now) {
  TlsSlot& t = tls_[slot];
  const Status status = t.session.handshake();
  send_tls_outbound(slot);  // the next flight, or the alert of a failure
  if (status == Status::want_io) return;
  if (status != Status::done) return drop_handshake(slot, ErrorClass::tls, t.session.error().c_str(), 0, now);
  deadlines_.remove(slot);
  stats::Counters& n = stats_.counters;
  ++(t.session.resumed() ? n.tls_resumed : n.tls_full);
  if (n.tls_version.empty()) n.tls_version = t.session.version();
  stats_.phases.handshakes.record(now - t.handshake_start_ns);
  conns_[slot].ready_ns = now;
  connection_ready(slot, now);
  read_tls(slot, now);  // the handshake's last flight may have carried more (a TLS 1.3 ticket)
}

// The handshake (or the connection under it) failed: like a failed connect. Before the clock
// the slot stays closed (the run goes on with fewer connections; none at all ends it with the
// reason); during the run it is a failed request, and the slot backs off before trying again.
void Worker::drop_handshake(uint32_t slot, ErrorClass cls, const char* what, int err, uint64_t now) {
  deadlines_.remove(slot);
  connect_failed(slot, cls, what, err, now);
}

void Worker::on_tls_bytes(uint32_t slot, const char* data, size_t len, uint64_t now) {
  tls_[slot].session.feed(data, len);
  if (conns_[slot].state() == ConnState::handshaking) return continue_handshake(slot, now);
  read_tls(slot, now);
}

// The server closed its side: a handshake waiting for bytes fails, otherwise the session
// reports `closed` once what it holds is read, which ends a close-delimited body.
void Worker::on_tls_end(uint32_t slot, uint64_t now) {
  tls_[slot].session.feed_end();
  if (conns_[slot].state() == ConnState::handshaking) return continue_handshake(slot, now);
  read_tls(slot, now);
}

// Decrypts everything fed so far into the parser. Stops when the slot gets a new socket
// (a response with Connection: close, an error): that session is done with.
void Worker::read_tls(uint32_t slot, uint64_t now) {
  Connection& c = conns_[slot];
  TlsSlot& t = tls_[slot];
  const uint32_t generation = c.generation;
  for (;;) {
    const tls::Session::ReadResult r = t.session.read(tls_plain_.get(), plain_capacity);
    if (r.status == Status::done) {
      on_response_bytes(slot, tls_plain_.get(), r.bytes, now);
      if (c.generation != generation) return;
      continue;
    }
    send_tls_outbound(slot);  // an alert, a key update answer
    if (r.status == Status::want_io) return;
    if (r.status == Status::closed) return on_eof(slot, now);
    return fail_request(slot, ErrorClass::tls, t.session.error().c_str(), 0, now);
  }
}

// Encrypts the requests of this send (with --pipeline, several in one write) into the session's outbound bytes and sends them (from flush_sends).
// A failed session sends nothing; its next read says why.
void Worker::write_tls_request(uint32_t slot) {
  TlsSlot& t = tls_[slot];
  const std::string_view requests(shared_.plan.requests.data(), conns_[slot].send_length);
  if (t.session.write(requests) == Status::done) send_tls_outbound(slot);
}

void Worker::send_tls_outbound(uint32_t slot) {
  TlsSlot& t = tls_[slot];
  if (t.send_in_flight) return;  // the rest goes when it completes
  const std::string_view out = t.session.outbound();
  if (out.empty()) return;
  io_uring_sqe* sqe = ring_->next_sqe();
  io_uring_prep_send(sqe, int(slot), out.data(), out.size(), MSG_WAITALL | MSG_NOSIGNAL);
  sqe->flags |= IOSQE_FIXED_FILE;
  io_uring_sqe_set_data64(sqe, io::UserData{op_send, conns_[slot].generation, slot}.encode());
  t.send_in_flight = true;
}

void Worker::on_tls_send(uint32_t slot, int res, uint64_t now) {
  TlsSlot& t = tls_[slot];
  t.send_in_flight = false;
  if (res < 0) {
    if (conns_[slot].state() == ConnState::busy) return on_send_failed(slot, -res, now);
    return fail_request(slot, ErrorClass::reset, "send", -res, now);
  }
  stats_.counters.bytes_written += uint64_t(res);
  t.session.consume_outbound(size_t(res));
  send_tls_outbound(slot);
}

// Once per connection, after its first response: a TLS 1.3 ticket arrives after the
// handshake, so by now the session has it; a reconnect of this slot resumes from it.
void Worker::save_tls_session(uint32_t slot) {
  TlsSlot& t = tls_[slot];
  if (t.saved_this_connection) return;
  t.saved_this_connection = true;
  if (tls_ctx_->resume()) t.session.save(t.saved);
}

void Worker::release_tls() noexcept {
  if (tls_ctx_) tls::release_thread_resources();
}

}  // namespace ringbench::engine
