#include "ringbench/tls/session.h"

#include <arpa/inet.h>

#include <climits>
#include <cstdio>
#include <utility>

#include "context_impl.h"
#include "failure_text.h"
#include "ringbench/core/error.h"
#include "session_impl.h"

namespace ringbench::tls {

namespace {

char alpn_http11[] = "http/1.1";  // wolfSSL_UseALPN takes a mutable list

// An IP literal in the text form wolfSSL gives the certificate's IP SANs (IPv4 dotted quad;
// IPv6 as eight groups of four upper-case hex digits), or empty when `host` is a DNS name.
std::string ip_san_text(const std::string& host) {
  unsigned char addr[16];
  if (inet_pton(AF_INET, host.c_str(), addr) == 1) return host;
  if (inet_pton(AF_INET6, host.c_str(), addr) != 1) return {};
  char text[40];
  for (int i = 0; i < 8; ++i)
    std::snprintf(text + 5 * i, sizeof text - size_t(5 * i), i < 7 ? "%02X%02X:" : "%02X%02X", addr[2 * i], addr[2 * i + 1]);
  return text;
}

// wolfSSL 5.5 ends a TLS 1.2 handshake whose client sent no certificate without any alert, which
// would leave the client waiting for a Finished that never comes. Send the handshake_failure
// alert RFC 5246 §7.4.6 names; the server has not sent ChangeCipherSpec at that point, so the
// alert record is plaintext.
void alert_missing_client_certificate(WOLFSSL* ssl, int error, Transport& transport) {
  if (error != NO_PEER_CERT || !wolfSSL_is_server(ssl) || wolfSSL_version(ssl) != TLS1_2_VERSION) return;
  WOLFSSL_ALERT_HISTORY history{};
  if (wolfSSL_get_alert_history(ssl, &history) == WOLFSSL_SUCCESS && history.last_tx.level == alert_fatal) return;
  static constexpr char record[] = {0x15, 0x03, 0x03, 0x00, 0x02, alert_fatal, handshake_failure};
  transport.outbound.append(record, sizeof record);
}

std::unique_ptr<Session::Impl> new_impl(WOLFSSL_CTX* ctx) {
  WOLFSSL* ssl = wolfSSL_new(ctx);
  if (ssl == nullptr) throw_cannot_run("cannot create a TLS session (out of memory?)");
  auto impl = std::make_unique<Session::Impl>(ssl);
  wolfSSL_SetIOReadCtx(ssl, &impl->transport);
  wolfSSL_SetIOWriteCtx(ssl, &impl->transport);
  return impl;
}

}  // namespace

Session::Status Session::Impl::fail(int ret) {
  return fail(describe_failure(ssl, wolfSSL_get_error(ssl, ret)));
}

Session::Status Session::Impl::fail(std::string reason) {
  if (!failed) error = std::move(reason);
  failed = true;
  transport.inbound.drop();
  return Status::failed;
}

Session Session::client(ClientContext& context, std::string_view server_name, const SavedSession* resume_from) {
  ClientContext::Impl& c = *context.impl_;
  auto impl = new_impl(c.ctx.get());
  WOLFSSL* ssl = impl->ssl;
  std::string host(server_name);
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  if (!host.empty()) {
    if (const std::string ip = ip_san_text(host); !ip.empty()) {
      // RFC 6066: no SNI for addresses; the certificate must carry the address as an IP SAN.
      if (c.verify && wolfSSL_X509_VERIFY_PARAM_set1_ip_asc(wolfSSL_get0_param(ssl), ip.c_str()) != WOLFSSL_SUCCESS)
        throw_cannot_run("cannot set the IP address to verify (" + host + ")");
    } else {
      if (wolfSSL_UseSNI(ssl, WOLFSSL_SNI_HOST_NAME, host.data(), static_cast<unsigned short>(host.size())) != WOLFSSL_SUCCESS)
        throw_cannot_run("cannot set the TLS server name (SNI) " + host);
      if (c.verify && wolfSSL_check_domain_name(ssl, host.c_str()) != WOLFSSL_SUCCESS)
        throw_cannot_run("cannot set the host name to verify (" + host + ")");
    }
  }
  if (wolfSSL_UseALPN(ssl, alpn_http11, sizeof alpn_http11 - 1, WOLFSSL_ALPN_CONTINUE_ON_MISMATCH) != WOLFSSL_SUCCESS)
    throw_cannot_run("cannot offer ALPN http/1.1");
  // The session is copied into the connection; if wolfSSL refuses it, the handshake is a full one.
  if (c.resume && resume_from != nullptr && !resume_from->empty() &&
      wolfSSL_set_session(ssl, static_cast<WOLFSSL_SESSION*>(resume_from->handle_)) == WOLFSSL_SUCCESS &&
      resume_from->tls12_ticket_)
    impl->ticket_watch.start();
  return Session(std::move(impl));
}

Session Session::server(ServerContext& context) {
  auto impl = new_impl(context.impl_->ctx.get());
  // Accept http/1.1 when the client offers ALPN; a client offering none is fine too.
  if (wolfSSL_UseALPN(impl->ssl, alpn_http11, sizeof alpn_http11 - 1, WOLFSSL_ALPN_CONTINUE_ON_MISMATCH) != WOLFSSL_SUCCESS)
    throw_cannot_run("cannot accept ALPN http/1.1");
  return Session(std::move(impl));
}

Session::Session() noexcept = default;
Session::Session(std::unique_ptr<Impl> impl) noexcept : impl_(std::move(impl)) {}
Session::~Session() = default;
Session::Session(Session&&) noexcept = default;
Session& Session::operator=(Session&&) noexcept = default;

void Session::feed(const char* data, size_t len) {
  Impl& s = *impl_;
  if (len == 0 || s.failed) return;
  if (s.ticket_watch.watching()) s.ticket_watch.scan(data, len);
  s.transport.inbound.feed(data, len);
}

void Session::feed_end() noexcept { impl_->transport.inbound.end(); }

Session::Status Session::handshake() {
  Impl& s = *impl_;
  if (s.failed) return Status::failed;
  if (s.handshake_done) {
    s.transport.inbound.stash();
    return Status::done;
  }
  if (s.ticket_watch.watching() && !s.transport.inbound.empty() && !s.transport.inbound.ended()) {
    s.transport.inbound.stash();  // not yet known whether the server took the ticket
    return Status::want_io;
  }
  if (s.ticket_watch.verdict() == TicketRefusalWatch::Verdict::refused) {
    wolfSSL_set_SessionTicket(s.ssl, nullptr, 0);  // resume by session ID or not at all
    s.ticket_watch = TicketRefusalWatch();
  }
  const int ret = wolfSSL_is_server(s.ssl) ? wolfSSL_accept(s.ssl) : wolfSSL_connect(s.ssl);
  if (ret == WOLFSSL_SUCCESS) {
    s.handshake_done = true;
    s.transport.inbound.stash();  // what follows the handshake (a ticket, early requests) is read later
    return Status::done;
  }
  const int error = wolfSSL_get_error(s.ssl, ret);
  if (error == WOLFSSL_ERROR_WANT_READ || error == WOLFSSL_ERROR_WANT_WRITE) return Status::want_io;
  alert_missing_client_certificate(s.ssl, error, s.transport);
  return s.fail(describe_failure(s.ssl, error));
}

Session::Status Session::write(std::string_view plain) {
  Impl& s = *impl_;
  if (s.failed) return Status::failed;
  if (!s.handshake_done) return s.fail("internal: write before the TLS handshake finished");
  if (s.shut_down) return s.fail("internal: write after shutdown");
  while (!plain.empty()) {
    const int chunk = plain.size() > size_t(INT_MAX) ? INT_MAX : int(plain.size());
    const int ret = wolfSSL_write(s.ssl, plain.data(), chunk);
    if (ret <= 0) return s.fail(ret);
    plain.remove_prefix(size_t(ret));
  }
  return Status::done;
}

Session::ReadResult Session::read(char* buf, size_t cap) {
  Impl& s = *impl_;
  if (s.failed) return {Status::failed, 0};
  if (!s.handshake_done) return {s.fail("internal: read before the TLS handshake finished"), 0};
  const int ret = wolfSSL_read(s.ssl, buf, cap > size_t(INT_MAX) ? INT_MAX : int(cap));
  if (ret > 0) return {Status::done, size_t(ret)};
  const int error = wolfSSL_get_error(s.ssl, ret);
  switch (error) {
    case WOLFSSL_ERROR_WANT_READ:
    case WOLFSSL_ERROR_WANT_WRITE: return {Status::want_io, 0};
    case WOLFSSL_ERROR_ZERO_RETURN:
    case SOCKET_PEER_CLOSED_E:
      s.transport.inbound.drop();
      return {Status::closed, 0};
    default: return {s.fail(describe_failure(s.ssl, error)), 0};
  }
}

void Session::shutdown() {
  Impl& s = *impl_;
  if (s.shut_down || s.failed) return;
  s.shut_down = true;
  wolfSSL_shutdown(s.ssl);  // queues close_notify; does not wait for the peer's
}

std::string_view Session::outbound() const noexcept { return impl_->transport.outbound.pending(); }
void Session::consume_outbound(size_t n) noexcept { impl_->transport.outbound.consume(n); }

bool Session::handshake_done() const noexcept { return impl_->handshake_done; }
bool Session::resumed() const noexcept { return impl_->handshake_done && wolfSSL_session_reused(impl_->ssl) == 1; }

std::string_view Session::version() const noexcept {
  if (!impl_->handshake_done) return {};
  const char* v = wolfSSL_get_version(impl_->ssl);
  return v ? std::string_view(v) : std::string_view();
}

std::string_view Session::alpn() const noexcept {
  char* name = nullptr;
  unsigned short size = 0;
  if (!impl_->handshake_done || wolfSSL_ALPN_GetProtocol(impl_->ssl, &name, &size) != WOLFSSL_SUCCESS || name == nullptr)
    return {};
  return {name, size};
}

const std::string& Session::error() const noexcept { return impl_->error; }

}  // namespace ringbench::tls
