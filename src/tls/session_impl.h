#pragma once
// What one Session holds: the WOLFSSL object, its memory transport and the failure reason.
// Heap-allocated once per connection so the transport's address (the I/O callbacks' context)
// stays fixed when the Session handle moves.
#include <string>

#include "library.h"
#include "ticket_refusal_watch.h"
#include "ringbench/tls/session.h"
#include "transport.h"

namespace ringbench::tls {

struct Session::Impl {
  explicit Impl(WOLFSSL* s) noexcept : ssl(s) {}
  ~Impl() { wolfSSL_free(ssl); }
  Impl(const Impl&) = delete;
  Impl& operator=(const Impl&) = delete;

  // Records why the last call failed (wolfSSL_get_error of its return value) and drops input.
  Status fail(int ret);
  Status fail(std::string reason);

  WOLFSSL* ssl;
  Transport transport;
  TicketRefusalWatch ticket_watch;  // client resuming a TLS 1.2 ticket: holds back the first flight
  std::string error;
  bool handshake_done = false;
  bool failed = false;
  bool shut_down = false;
};

}  // namespace ringbench::tls
