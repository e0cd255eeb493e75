#pragma once
// Works around wolfSSL 5.5's TLS 1.2 client taking ANY ServerHello as acceptance of the session
// ticket it offered (DSH_CheckSessionId treats "we hold a ticket" as "resuming"): when a server
// refuses the ticket (restart, ticket key rotation, another node behind a load balancer) the
// handshake dies with "Out of order message" instead of falling back to a full handshake, and
// every later reconnect with the same saved session dies the same way.
//
// The watch reads the server's first flight, plaintext in TLS 1.2, before wolfSSL may see it,
// until it knows what follows the ServerHello: NewSessionTicket or ChangeCipherSpec means the
// ticket was accepted; a Certificate (any other handshake message) means it was refused, and
// the session drops its ticket so wolfSSL compares session IDs instead and does the full
// handshake. Encrypted records (TLS 1.3) or alerts end the watch with no verdict needed.
#include <cstddef>
#include <cstdint>

namespace ringbench::tls {

class TicketRefusalWatch {
 public:
  enum class Verdict { watching, accepted, refused, not_applicable };

  void start() noexcept { verdict_ = Verdict::watching; }
  bool watching() const noexcept { return verdict_ == Verdict::watching; }
  Verdict verdict() const noexcept { return verdict_; }

  // The next bytes of the server's stream, in order, in pieces of any size.
  void scan(const char* data, size_t n) noexcept;

 private:
  void on_record_header() noexcept;
  void on_message_type(uint8_t type) noexcept;

  Verdict verdict_ = Verdict::not_applicable;
  uint8_t record_header_[5] = {};
  size_t record_header_have_ = 0;
  size_t record_left_ = 0;      // payload bytes of the current record not yet scanned
  uint8_t record_type_ = 0;
  uint8_t message_header_[4] = {};
  size_t message_header_have_ = 0;
  size_t message_left_ = 0;     // body bytes of the current handshake message not yet scanned
  bool seen_server_hello_ = false;
};

}  // namespace ringbench::tls
