// HTTPS for `ringbench serve`: the connection's TLS session sits between the ring and the
// request scanner. Received ciphertext is fed to the session, the handshake advanced, and the
// decrypted requests scanned exactly like plain ones; the pre-built responses are encrypted
// into the session and its outbound bytes sent, one send in flight per connection (the bytes
// stay put until consumed, and one send at a time keeps responses in order).
#include "ringbench/io/user_data.h"
#include "server_worker.h"

namespace ringbench::serve {

using Status = tls::Session::Status;

void ServerWorker::tls_received(Connection& c, uint32_t slot, const char* data, size_t len) {
  c.session.feed(data, len);
  if (!c.session.handshake_done()) {
    const Status s = c.session.handshake();
    if (s == Status::failed) {
      WorkerCounters::add(config_.counters->tls_handshake_failures, 1);
      return tls_fail(c, slot);
    }
    if (s == Status::want_io) return tls_flush(c, slot);
  }
  for (;;) {
    const tls::Session::ReadResult r = c.session.read(tls_plain_.get(), tls_plain_capacity);
    if (r.status == Status::done) {
      // The session reads `data` in place until read() stops returning done, and the buffer is
      // recycled when this returns: so read on even when no later request will be answered.
      if (c.reading) consume(c, slot, tls_plain_.get(), r.bytes);
      if (!c.open) return;  // closed: this session is never used again
      continue;
    }
    tls_flush(c, slot);  // the handshake's last flight, a ticket
    if (r.status == Status::want_io) return;
    if (r.status == Status::closed) {  // close_notify: answer what was asked, then close
      c.reading = false;
      c.peer_closed = true;
      return pump(c, slot);
    }
    return tls_fail(c, slot);  // a bad record, or (TLS 1.3 mTLS) a refused client certificate
  }
}

void ServerWorker::tls_fail(Connection& c, uint32_t slot) {
  c.reading = false;
  c.queue.clear();  // the session can no longer encrypt them
  c.closing_send = true;
  tls_flush(c, slot);  // the alert (it tells the client why)
  if (!c.tls_sending) close(c, slot);
}

// pump() has taken the responses off the queue and counted them; encrypt and send.
void ServerWorker::tls_respond(Connection& c, uint32_t slot, std::string_view plain) {
  if (c.session.write(plain) != Status::done) return tls_fail(c, slot);
  if (c.closing_send) c.session.shutdown();  // close_notify: the client sees a clean end
  tls_flush(c, slot);
}

void ServerWorker::tls_flush(Connection& c, uint32_t slot) {
  if (c.tls_sending) return;  // the rest goes when this send completes
  const std::string_view out = c.session.outbound();
  if (out.empty()) return;
  io_uring_sqe* s = sqe(op_send, slot, c.generation);
  io_uring_prep_send(s, int(slot), out.data(), out.size(), MSG_WAITALL | MSG_NOSIGNAL);
  s->flags |= IOSQE_FIXED_FILE;
  c.tls_sending = true;
}

void ServerWorker::tls_sent(Connection& c, uint32_t slot, int res) {
  c.tls_sending = false;
  if (res <= 0) return close(c, slot);
  c.session.consume_outbound(size_t(res));
  if (!c.session.outbound().empty()) return tls_flush(c, slot);
  c.sending = 0;  // every response of the last pump() is on its way
  if (c.closing_send) return close(c, slot);
  pump(c, slot);
}

}  // namespace ringbench::serve
