// Module tls without wolfSSL (meson -Dtls=disabled, or libwolfssl-dev missing): the same API,
// but no context can be built, so no session ever exists.
#include <string>

#include "ringbench/core/error.h"
#include "ringbench/tls/availability.h"
#include "ringbench/tls/client_context.h"
#include "ringbench/tls/saved_session.h"
#include "ringbench/tls/server_context.h"
#include "ringbench/tls/session.h"
#include "ringbench/tls/thread_resources.h"

namespace ringbench::tls {

struct ClientContext::Impl {};
struct ServerContext::Impl {};
struct Session::Impl {};

bool available() noexcept { return false; }
void release_thread_resources() noexcept {}

ClientContext::ClientContext(const ClientOptions&) { throw_usage(unavailable_message); }
ClientContext::~ClientContext() = default;
ClientContext::ClientContext(ClientContext&&) noexcept = default;
ClientContext& ClientContext::operator=(ClientContext&&) noexcept = default;
bool ClientContext::verify() const noexcept { return false; }
bool ClientContext::resume() const noexcept { return false; }

ServerContext::ServerContext(const ServerOptions&) { throw_usage(unavailable_message); }
ServerContext::~ServerContext() = default;
ServerContext::ServerContext(ServerContext&&) noexcept = default;
ServerContext& ServerContext::operator=(ServerContext&&) noexcept = default;

SavedSession::~SavedSession() = default;
SavedSession::SavedSession(SavedSession&&) noexcept {}  // never holds anything
SavedSession& SavedSession::operator=(SavedSession&&) noexcept { return *this; }
void SavedSession::clear() noexcept {}

Session Session::client(ClientContext&, std::string_view, const SavedSession*) { throw_usage(unavailable_message); }
Session Session::server(ServerContext&) { throw_usage(unavailable_message); }
Session::Session() noexcept = default;
Session::Session(std::unique_ptr<Impl> impl) noexcept : impl_(std::move(impl)) {}
Session::~Session() = default;
Session::Session(Session&&) noexcept = default;
Session& Session::operator=(Session&&) noexcept = default;

void Session::feed(const char*, size_t) {}
void Session::feed_end() noexcept {}
Session::Status Session::handshake() { return Status::failed; }
Session::Status Session::write(std::string_view) { return Status::failed; }
Session::ReadResult Session::read(char*, size_t) { return {Status::failed, 0}; }
void Session::shutdown() {}
std::string_view Session::outbound() const noexcept { return {}; }
void Session::consume_outbound(size_t) noexcept {}
bool Session::handshake_done() const noexcept { return false; }
bool Session::resumed() const noexcept { return false; }
std::string_view Session::version() const noexcept { return {}; }
std::string_view Session::alpn() const noexcept { return {}; }
const std::string& Session::error() const noexcept {
  static const std::string message = unavailable_message;
  return message;
}
bool Session::save(SavedSession&) const { return false; }

}  // namespace ringbench::tls
