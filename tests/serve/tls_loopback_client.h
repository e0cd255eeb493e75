#pragma once
// LoopbackClient over HTTPS: the same blocking socket with a tls::Session between it and the
// response parsing, so the server tests check decrypted responses exactly like plain ones.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>

#include "loopback_client.h"
#include "ringbench/tls/client_context.h"
#include "ringbench/tls/session.h"

namespace ringbench::serve::testing {

class TlsLoopbackClient : public LoopbackClient {
 public:
  // Connects to 127.0.0.1:port and runs the handshake (verifying the certificate against
  // 127.0.0.1 when the context verifies); handshake_done() tells whether it worked.
  TlsLoopbackClient(uint16_t port, tls::ClientContext& context, int timeout_ms = 3000);

  bool handshake_done() const noexcept { return session_.handshake_done(); }
  const tls::Session& session() const noexcept { return session_; }

  // Encrypts `plain` and sends the records.
  void send(std::string_view plain) override;

 protected:
  // Decrypted bytes; 0 on close_notify or EOF, -1 on a timeout or (errno ECONNRESET) when the
  // session failed, e.g. on the server's alert.
  long read_some() override;

 private:
  void send_outbound();  // whatever the session queued; a socket the server closed is ignored
  long receive();        // one recv() fed to the session (feed_end() on EOF)

  static constexpr size_t cipher_capacity = 64 * 1024;
  // The session reads fed bytes in place until it asks for more, so they live here, not on
  // the stack of receive().
  std::unique_ptr<char[]> cipher_ = std::make_unique<char[]>(cipher_capacity);
  tls::Session session_;
  bool ended_ = false;  // the server closed its side
};

}  // namespace ringbench::serve::testing
