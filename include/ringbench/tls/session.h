#pragma once
// One TLS connection, client or server side, that never touches a socket. The owner (the
// engine's connection, serve's worker) moves ciphertext between the ring and the session:
// feed() what a recv delivered, send what outbound() holds; plaintext goes through write()
// and read(). Nothing blocks: a call that needs more bytes from the peer returns want_io.
//
//   client:  Session s = Session::client(ctx, host, saved.empty() ? nullptr : &saved);
//            s.handshake();                      // want_io; outbound() holds the ClientHello
//            on send completion:  s.consume_outbound(n)
//            on recv:             s.feed(data, n); s.handshake()   until done (or failed)
//            then                 s.write(request)
//            on recv:             s.feed(data, n); s.read(scratch, cap, sink)
//   server:  the same with Session::server(ctx); it reads the request, writes the response.
//
// After EVERY call, send outbound() if it is not empty: handshake flights, alerts (a failed
// handshake usually leaves one worth sending before the close), post-handshake messages,
// close_notify. After handshake() returns done, call read() even before new bytes arrive: the
// end of the handshake may have come with more (the server's first request, a TLS 1.3 ticket),
// which the session kept. With TLS 1.3 a client's handshake is done before the server has
// checked the client's certificate; a refusal ("peer requires a client certificate") comes out of
// the first read().
//
// Resumption (client): pass the SavedSession of the previous connection to client() and call
// save() before discarding a session. With TLS 1.3 the server's ticket (NewSessionTicket)
// arrives after the handshake and is only taken in by read(), so save() right after handshake()
// finds nothing new on a full handshake (and keeps what `into` held); save() after the first
// response, or when the connection ends, has the fresh ticket. TLS 1.2 tickets and session IDs
// are there at the end of the handshake. A server that refuses the saved session gets a full
// handshake, never an error.
//
// Not thread-safe; a session belongs to the worker that owns the connection. It may outlive the
// context it was made from. Creating one allocates (~80 KiB inside wolfSSL for a client); the
// data path does not, apart from wolfSSL's own record buffer per record.
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "ringbench/tls/client_context.h"
#include "ringbench/tls/saved_session.h"
#include "ringbench/tls/server_context.h"

namespace ringbench::tls {

class Session {
 public:
  enum class Status {
    done,     // handshake finished / all plaintext encrypted / read() produced plaintext
    want_io,  // needs more ciphertext from the peer: send outbound(), then feed() what arrives
    closed,   // read(): the peer sent close_notify (or feed_end() and nothing left to read)
    failed,   // error() says why; the session is dead (outbound() may still hold an alert)
  };
  struct ReadResult {
    Status status;
    size_t bytes;  // plaintext bytes written to the buffer when status == done (> 0)
  };

  // `server_name`: the URL host (or --sni). A DNS name is sent as SNI and checked against the
  // certificate; an IP literal (IPv6 with or without brackets) is not sent as SNI and is checked
  // against the certificate's IP SANs. Empty: no SNI, no name check. Offers ALPN http/1.1.
  // `resume_from` (nullable): a session saved from an earlier connection to the same server;
  // ignored when the context has resume off.
  static Session client(ClientContext& context, std::string_view server_name,
                        const SavedSession* resume_from);
  static Session server(ServerContext& context);

  Session() noexcept;  // empty: only assignable, destructible, and false in a boolean context
  ~Session();
  Session(Session&&) noexcept;
  Session& operator=(Session&&) noexcept;
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;
  explicit operator bool() const noexcept { return impl_ != nullptr; }

  // Ciphertext that arrived from the peer. It is read in place, not copied here; the bytes must
  // stay valid until the next handshake() returns, or until read() returns something other than
  // done (read until want_io, as the sink overload does). Whatever those calls leave unread is
  // copied into the session, so the receive buffer can be recycled as soon as they return.
  void feed(const char* data, size_t len);
  // The peer closed its side (recv returned 0): a handshake waiting for bytes fails with
  // "connection closed by the peer during the TLS handshake"; read() returns closed.
  void feed_end() noexcept;

  Status handshake();
  // Encrypts `plain` (split into records of at most 16 KiB) into outbound(): done or failed.
  // Only after the handshake is done.
  Status write(std::string_view plain);
  // Decrypts into buf (at most cap bytes): {done, n > 0} plaintext, call again; {want_io, 0} all
  // fed ciphertext is used; {closed, 0}; {failed, 0}.
  ReadResult read(char* buf, size_t cap);
  // Reads until the fed ciphertext is used up, calling sink(const char* data, size_t n) for each
  // piece of plaintext (data lives in `scratch`). Returns want_io, closed or failed.
  template <class Sink>
  Status read(char* scratch, size_t cap, Sink&& sink);
  // Queues close_notify into outbound(). The session cannot write afterwards.
  void shutdown();

  // Ciphertext waiting to be sent. These bytes never move until consume_outbound() has covered
  // them, whatever else is called meanwhile (later output queues behind them), so a send may
  // point at outbound().data() while the session keeps working. outbound() may hold less than
  // everything queued: after consume_outbound(), look again.
  std::string_view outbound() const noexcept;
  void consume_outbound(size_t n) noexcept;  // n bytes of outbound() were sent

  bool handshake_done() const noexcept;
  bool resumed() const noexcept;       // the handshake resumed a saved session (no certificates)
  std::string_view version() const noexcept;  // "TLSv1.3", "TLSv1.2"; empty before the handshake
  std::string_view alpn() const noexcept;     // "http/1.1", or empty; valid while the session lives
  // Why the session failed, one line, e.g. "certificate verify failed: unknown CA",
  // "certificate verify failed: hostname mismatch", "peer requires a client certificate".
  const std::string& error() const noexcept;

  // Client: stores this connection's session into `into` for resuming the next connection when
  // it holds something resumable (a ticket or session ID); otherwise leaves `into` unchanged.
  // Returns whether it stored.
  bool save(SavedSession& into) const;

  struct Impl;

 private:
  explicit Session(std::unique_ptr<Impl> impl) noexcept;
  std::unique_ptr<Impl> impl_;
};

template <class Sink>
Session::Status Session::read(char* scratch, size_t cap, Sink&& sink) {
  for (;;) {
    ReadResult r = read(scratch, cap);
    if (r.status != Status::done) return r.status;
    sink(static_cast<const char*>(scratch), r.bytes);
  }
}

}  // namespace ringbench::tls
