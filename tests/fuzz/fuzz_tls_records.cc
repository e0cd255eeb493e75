// libFuzzer target: ringbench's TLS session (src/tls) around wolfSSL — the feed()/outbound()
// contract, the inbound queue and the outbound buffer — under fuzzer-chosen segmentation.
// One input is one connection between an in-process client and server Session (TLS 1.3, or
// 1.2 when the input says so; optionally resuming the session of a first, unfuzzed connection):
// handshake, an HTTP-sized request, a response, close_notify.
//  - Every flight is cut into pieces at fuzzer-chosen lengths; each piece is its own heap buffer
//    of exactly its size, freed right after the feed() and the handshake()/read() calls that
//    consume it, so reading a fed byte later (a broken "read in place" contract) or past the
//    piece is an AddressSanitizer error.
//  - A send takes a fuzzer-chosen part of outbound() and completes only after the session has
//    been driven further (more records queued behind it): the bytes must not move meanwhile.
//  - Plaintext sizes up to three records, read() capacities from 1 byte; the first read() after
//    a handshake finished may come only after the piece that finished it was freed.
// Checked: plaintext a side reads is always a prefix of what the other wrote; without
// corruption both handshakes finish, each side reads exactly what the other wrote and the
// server sees the client's close_notify. With corruption (bytes flipped, inserted or dropped
// in transit) or raw fuzzer bytes fed to a fresh client or server, only the prefix rule holds,
// plus: after feed_end() a session never asks for more bytes.
#include <fuzzer/FuzzedDataProvider.h>
#include <stdlib.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "ringbench/tls/client_context.h"
#include "ringbench/tls/saved_session.h"
#include "ringbench/tls/server_context.h"
#include "ringbench/tls/session.h"

using ringbench::tls::ClientContext;
using ringbench::tls::SavedSession;
using ringbench::tls::ServerContext;
using ringbench::tls::Session;
using Status = Session::Status;

namespace {

[[noreturn]] void fail(const std::string& what) {
  std::fprintf(stderr, "tls_records invariant broken: %s\n", what.c_str());
  std::abort();
}

// Made once (LLVMFuzzerInitialize) and shared by every input, like a worker's contexts.
struct Contexts {
  ClientContext client;        // TLS 1.2-1.3, no verification (-k): the cert is self-signed
  ServerContext server;        // TLS 1.2-1.3: negotiates 1.3
  ServerContext server_tls12;  // TLS 1.2 only
};
Contexts* contexts = nullptr;

// A self-signed P-256 certificate for "localhost" made with the openssl CLI into a temporary
// directory, read into the contexts, then removed.
Contexts* make_contexts() {
  char pattern[] = "/tmp/ringbench-fuzz-tls-XXXXXX";
  if (mkdtemp(pattern) == nullptr) fail("mkdtemp failed");
  const std::string dir = pattern;
  const char* openssl = std::getenv("RINGBENCH_OPENSSL");
  const std::string command = std::string("'") + (openssl && *openssl ? openssl : "openssl") +
                              "' req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout '" + dir +
                              "/key.pem' -out '" + dir + "/cert.pem' -days 2 -subj /CN=localhost >'" + dir + "/openssl.log' 2>&1";
  if (std::system(command.c_str()) != 0) {
    std::fprintf(stderr, "tls_records: cannot make a certificate with the openssl CLI (scripts/install-deps.sh openssl): see %s/openssl.log\n",
                 dir.c_str());
    std::exit(1);
  }
  ringbench::tls::ClientOptions client;
  client.verify = false;
  ringbench::tls::ServerOptions server;
  server.cert_file = dir + "/cert.pem";
  server.key_file = dir + "/key.pem";
  ringbench::tls::ServerOptions server_tls12 = server;
  server_tls12.max_version = "1.2";
  auto* made = new Contexts{ClientContext(client), ServerContext(server), ServerContext(server_tls12)};
  std::filesystem::remove_all(dir);
  return made;
}

// A length in 1..available (available > 0). 0, which an exhausted input also gives, means all
// of it; small values cut at single bytes (record headers are 5 bytes), larger ones in 256s.
size_t choose_length(FuzzedDataProvider& in, size_t available) {
  const uint8_t b = in.ConsumeIntegral<uint8_t>();
  const size_t n = b == 0 ? available : b < 128 ? b : size_t(b - 127) * 256;
  return std::min(n, available);
}

// A message of `size` bytes that is not all alike, so a lost or repeated record shows.
std::string message(const char* head, size_t size) {
  std::string m(head);
  for (size_t i = m.size(); i < size; ++i) m.push_back(char('a' + (i * 7 + i / 26) % 26));
  m.resize(size);
  return m;
}

// A copy of `bytes` in a heap buffer of exactly that size: the fuzzer's view of a receive buffer.
struct Piece {
  explicit Piece(const char* bytes, size_t n) : data(new char[n]), size(n) {
    if (n > 0) std::memcpy(data.get(), bytes, n);
  }
  std::unique_ptr<char[]> data;
  size_t size;
};

struct Peer {
  Peer(const char* side, Session s, std::string message) : name(side), session(std::move(s)), to_write(std::move(message)) {}

  const char* name;
  Session session;
  std::string to_write;  // the message this side writes: request (client) or response (server)
  std::string written;   // what it has written so far
  std::string received;  // plaintext it has read
  std::string wire_in;   // ciphertext sent to it, not yet delivered
  const char* in_flight = nullptr;  // a send in progress: outbound().data() when it started
  size_t in_flight_size = 0;
  bool read_later = false;  // the handshake finished; its read() comes after the piece is gone
  Status last = Status::want_io;  // the last status of handshake() or read()
};

class Exchange {
 public:
  Exchange(FuzzedDataProvider& in, bool corrupt, Session client, Session server, size_t request, size_t response)
      : in_(in),
        corrupt_(corrupt),
        client_{"client", std::move(client), message("GET / HTTP/1.1\r\nHost: localhost\r\n", request)},
        server_{"server", std::move(server), message("HTTP/1.1 200 OK\r\n", response)} {}

  void run() {
    client_.last = client_.session.handshake();  // queues the ClientHello
    for (long round = 0; busy(); ++round) {
      if (round > 1'000'000) fail("the exchange does not end");
      begin_send(client_);
      begin_send(server_);
      read_if_postponed(client_, server_);
      read_if_postponed(server_, client_);
      deliver(client_, server_);
      deliver(server_, client_);
      complete_send(client_, server_);
      complete_send(server_, client_);
    }
    if (!corrupt_) check_clean_end();
  }

  bool save(SavedSession& into) const { return client_.session.save(into); }
  bool resumed() const { return client_.session.resumed(); }

 private:
  bool busy() const {
    for (const Peer* p : {&client_, &server_})
      if (!p->session.outbound().empty() || !p->wire_in.empty() || p->in_flight_size > 0 || p->read_later) return true;
    return false;
  }

  // A send starts with part of outbound(); it completes after the next deliveries.
  void begin_send(Peer& p) {
    const std::string_view out = p.session.outbound();
    if (p.in_flight_size > 0 || out.empty()) return;
    p.in_flight = out.data();
    p.in_flight_size = choose_length(in_, out.size());
  }

  void complete_send(Peer& from, Peer& to) {
    if (from.in_flight_size == 0) return;
    const std::string_view out = from.session.outbound();
    if (out.data() != from.in_flight || out.size() < from.in_flight_size)
      fail(std::string(from.name) + ": outbound() bytes moved before consume_outbound() covered them");
    to.wire_in.append(from.in_flight, from.in_flight_size);  // freed memory here is an ASan error
    from.session.consume_outbound(from.in_flight_size);
    from.in_flight_size = 0;
  }

  // Feeds what was sent to `to` in fuzzer-sized pieces, each followed by the calls that read it.
  void deliver(Peer& to, const Peer& from) {
    while (!to.wire_in.empty()) {
      const size_t n = choose_length(in_, to.wire_in.size());
      std::string bytes = to.wire_in.substr(0, n);
      to.wire_in.erase(0, n);
      if (corrupt_) corrupt(bytes);
      const Piece piece(bytes.data(), bytes.size());
      to.session.feed(piece.data.get(), piece.size);
      drive(to, from);
    }  // the piece is freed here: the session must have copied whatever it did not read
  }

  void corrupt(std::string& bytes) {
    const uint8_t op = in_.ConsumeIntegral<uint8_t>() % 4;  // 0 (an exhausted input): untouched
    if (op == 0 || bytes.empty()) return;
    const size_t at = in_.ConsumeIntegral<uint16_t>() % bytes.size();
    if (op == 1) bytes[at] = char(bytes[at] ^ (in_.ConsumeIntegral<uint8_t>() | 1));
    if (op == 2) bytes.insert(at, 1, char(in_.ConsumeIntegral<uint8_t>()));
    if (op == 3) bytes.erase(at, 1);
  }

  // What the owner does after a feed: handshake until done, then read everything there is.
  void drive(Peer& p, const Peer& other) {
    if (!p.session.handshake_done()) {
      p.last = p.session.handshake();
      if (p.last != Status::done) return;
      if (&p == &client_) write(p, p.to_write);
      // Bytes after the handshake's last message must survive the piece (the session copies them).
      if (in_.ConsumeBool()) {
        p.read_later = true;
        return;
      }
    }
    read_all(p, other);
  }

  void read_if_postponed(Peer& p, const Peer& other) {
    if (p.read_later) read_all(p, other);
  }

  void read_all(Peer& p, const Peer& other) {
    p.read_later = false;
    const size_t cap = choose_length(in_, 20'000);
    std::vector<char> scratch(cap);  // exactly cap bytes: a write past it is an ASan error
    p.last = p.session.read(scratch.data(), cap, [&](const char* data, size_t n) {
      if (n == 0 || n > cap) fail(std::string(p.name) + ": read() reported " + std::to_string(n) + " bytes, cap " + std::to_string(cap));
      p.received.append(data, n);
    });
    if (p.received.size() > other.written.size() || other.written.compare(0, p.received.size(), p.received) != 0)
      fail(std::string(p.name) + " read plaintext the " + other.name + " did not write");
    if (&p == &server_ && p.received.size() == other.to_write.size() && p.written.empty()) write(p, p.to_write);
    if (&p == &client_ && p.received.size() == other.to_write.size() && p.last == Status::want_io) p.session.shutdown();
  }

  void write(Peer& p, const std::string& plain) {
    const Status s = p.session.write(plain);
    if (s == Status::done) p.written = plain;
    else if (!corrupt_) fail(std::string(p.name) + ": write() failed: " + p.session.error());
  }

  void check_clean_end() {
    for (const Peer* p : {&client_, &server_})
      if (!p->session.handshake_done() || p->session.alpn() != "http/1.1")
        fail(std::string(p->name) + ": handshake not done or no ALPN: " + p->session.error());
    if (server_.received != client_.to_write) fail("the server did not read the whole request");
    if (client_.received != server_.to_write) fail("the client did not read the whole response");
    if (server_.last != Status::closed) fail("the server did not see the client's close_notify");
  }

  FuzzedDataProvider& in_;
  bool corrupt_;
  Peer client_;
  Peer server_;
};

// Raw fuzzer bytes as the peer's flights: the session may fail, close or wait, nothing else.
void feed_raw(FuzzedDataProvider& in, Session session, bool end) {
  Status last = session.handshake();
  const auto drive = [&] {
    last = session.handshake_done() ? Status::done : session.handshake();
    if (last == Status::done) {
      std::vector<char> scratch(512);
      last = session.read(scratch.data(), scratch.size(), [](const char*, size_t) {});
    }
    session.consume_outbound(session.outbound().size());  // sent into the void
  };
  session.consume_outbound(session.outbound().size());
  while (in.remaining_bytes() > 0) {
    const size_t n = choose_length(in, in.remaining_bytes());
    const std::vector<char> bytes = in.ConsumeBytes<char>(n);
    const Piece piece(bytes.data(), bytes.size());
    session.feed(piece.data.get(), piece.size);
    drive();
  }
  if (!end) return;
  session.feed_end();
  drive();
  if (last == Status::want_io) fail("after feed_end() the session still waits for bytes");
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  contexts = make_contexts();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  FuzzedDataProvider in(data, size);
  const int mode = in.ConsumeIntegralInRange(0, 3);  // exhausted input: 0, a clean exchange
  ServerContext& server = in.ConsumeBool() ? contexts->server_tls12 : contexts->server;
  switch (mode) {
    case 0:
    case 1: {
      // Resuming (a TLS 1.2 ticket goes through the ticket watch, which holds back the server's
      // first flight) costs a first connection, made with whole flights.
      SavedSession saved;
      if (in.ConsumeBool()) {
        FuzzedDataProvider whole(nullptr, 0);
        Exchange first(whole, false, Session::client(contexts->client, "localhost", nullptr), Session::server(server), 100, 100);
        first.run();
        if (!first.save(saved)) fail("a clean first connection left nothing to resume");
      }
      const size_t request = in.ConsumeIntegralInRange<size_t>(1, 50'000);
      const size_t response = in.ConsumeIntegralInRange<size_t>(1, 50'000);
      Exchange exchange(in, mode == 1, Session::client(contexts->client, "localhost", &saved), Session::server(server),
                        request, response);
      exchange.run();
      if (!saved.empty() && mode == 0 && !exchange.resumed()) fail("a clean exchange did not resume the saved session");
      break;
    }
    case 2: feed_raw(in, Session::client(contexts->client, "localhost", nullptr), in.ConsumeBool()); break;
    default: feed_raw(in, Session::server(server), in.ConsumeBool()); break;
  }
  return 0;
}
