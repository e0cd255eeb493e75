#include "tls_loopback_client.h"

#include <sys/socket.h>

#include <gtest/gtest.h>

#include <cerrno>

namespace ringbench::serve::testing {

using Status = tls::Session::Status;

TlsLoopbackClient::TlsLoopbackClient(uint16_t port, tls::ClientContext& context, int timeout_ms)
    : LoopbackClient(port, timeout_ms), session_(tls::Session::client(context, "127.0.0.1", nullptr)) {
  for (;;) {
    const Status s = session_.handshake();
    send_outbound();
    // After EOF the handshake has failed; a timeout or a reset leaves it unfinished.
    if (s != Status::want_io || ended_ || receive() < 0) return;
  }
}

void TlsLoopbackClient::send(std::string_view plain) {
  ASSERT_EQ(session_.write(plain), Status::done) << session_.error();
  send_outbound();
}

long TlsLoopbackClient::read_some() {
  char plain[16 * 1024];
  for (;;) {
    const tls::Session::ReadResult r = session_.read(plain, sizeof plain);
    send_outbound();
    if (r.status == Status::done) {
      pending_.append(plain, r.bytes);
      return long(r.bytes);
    }
    if (r.status == Status::closed || (r.status == Status::want_io && ended_)) return 0;
    if (r.status == Status::failed) {
      errno = ECONNRESET;
      return -1;
    }
    if (receive() < 0) return -1;
  }
}

void TlsLoopbackClient::send_outbound() {
  for (std::string_view out = session_.outbound(); !out.empty(); out = session_.outbound()) {
    const ssize_t n = ::send(fd(), out.data(), out.size(), MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return;  // the server closed first (after a failure): nothing to deliver to
    session_.consume_outbound(size_t(n));
  }
}

long TlsLoopbackClient::receive() {
  for (;;) {
    const ssize_t n = ::recv(fd(), cipher_.get(), cipher_capacity, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n > 0) session_.feed(cipher_.get(), size_t(n));
    if (n == 0) {
      session_.feed_end();
      ended_ = true;
    }
    return long(n);
  }
}

}  // namespace ringbench::serve::testing
