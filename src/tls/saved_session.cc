#include "ringbench/tls/saved_session.h"

#include <cstring>
#include <utility>

#include "library.h"
#include "ringbench/tls/session.h"
#include "session_impl.h"

namespace ringbench::tls {

namespace {

WOLFSSL_SESSION* as_session(void* handle) noexcept { return static_cast<WOLFSSL_SESSION*>(handle); }

// TLS 1.3 resumes only with a ticket (the legacy session ID means nothing there); TLS 1.2 with
// a ticket or a session ID the server keeps in its cache.
bool resumable(WOLFSSL* ssl, WOLFSSL_SESSION* session) {
  if (wolfSSL_version(ssl) == TLS1_3_VERSION) return wolfSSL_SESSION_has_ticket(session) == 1;
  return wolfSSL_SESSION_is_resumable(session) == 1;
}

}  // namespace

SavedSession::~SavedSession() { clear(); }

SavedSession::SavedSession(SavedSession&& other) noexcept
    : handle_(std::exchange(other.handle_, nullptr)), tls12_ticket_(std::exchange(other.tls12_ticket_, false)) {}

SavedSession& SavedSession::operator=(SavedSession&& other) noexcept {
  if (this != &other) {
    clear();
    handle_ = std::exchange(other.handle_, nullptr);
    tls12_ticket_ = std::exchange(other.tls12_ticket_, false);
  }
  return *this;
}

void SavedSession::clear() noexcept {
  if (handle_ != nullptr) wolfSSL_SESSION_free(as_session(handle_));
  handle_ = nullptr;
  tls12_ticket_ = false;
}

bool Session::save(SavedSession& into) const {
  const Impl& s = *impl_;
  if (!s.handshake_done || wolfSSL_is_server(s.ssl)) return false;
  // A reference to the connection's own session object (no copy): it stays valid after the
  // connection is freed, and still takes in tickets that arrive while the connection lives.
  WOLFSSL_SESSION* session = wolfSSL_get1_session(s.ssl);
  if (session == nullptr) return false;
  if (!resumable(s.ssl, session)) {
    wolfSSL_SESSION_free(session);
    return false;
  }
  into.clear();
  into.handle_ = session;
  into.tls12_ticket_ = wolfSSL_version(s.ssl) == TLS1_2_VERSION && wolfSSL_SESSION_has_ticket(session) == 1;
  return true;
}

}  // namespace ringbench::tls
