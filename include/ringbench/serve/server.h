#pragma once
// The embedded target server (`ringbench serve`): a small HTTP/1.1 server on io_uring that
// answers every request with the same pre-built response, fast enough that a benchmark of it
// measures the client. Used by the demo, the tests and the sweeps.
//
// Behaviour in brief (details in src/serve/*.h):
//  - keep-alive by default; "Connection: close" or HTTP/1.0 without "Connection: keep-alive"
//    gets "Connection: close" and the connection is closed once the response is sent;
//  - pipelined requests are answered in order, several responses per send;
//  - a request body with Content-Length is read and ignored; a request with
//    Transfer-Encoding gets 501 and the connection is closed; a malformed request gets 400,
//    a header block over 64 KiB gets 431, and the connection is closed after either;
//  - HEAD gets the GET headers without the body; HTTP/1.0 requests are never sent chunked.
#include <atomic>
#include <cstdint>
#include <memory>
#include <string>

#include "ringbench/core/clock.h"
#include "ringbench/serve/stall.h"

namespace ringbench::serve {

struct ServerOptions {
  std::string host = "127.0.0.1";  // numeric IPv4 or IPv6 literal ("::1"); no name lookup
  uint16_t port = 0;               // 0 = a free port chosen by the kernel
  uint64_t body_size = 2;          // body bytes: "ok" for 2, otherwise a repeated text pattern;
                                   // at most max_body_size
  bool chunked = false;            // Transfer-Encoding: chunked, chunks of at most 16 KiB
  Nanos delay{0};                  // answer each request this long after it arrived (a
                                   // per-connection io_uring timeout, never a sleep)
  Nanos jitter{0};                 // plus a random extra wait, exponentially distributed with
                                   // this mean (capped at 8x), drawn per received batch: a
                                   // long-tailed latency shape like a real backend's
  uint32_t capacity = 0;           // at most this many requests in service at once, each
                                   // taking delay (+ jitter), the rest queue in arrival order;
                                   // 0 = unlimited. Split across threads (needs --delay).
  bool sharing = false;            // with capacity: processor sharing instead of a queue, every
                                   // request in service at once, each slowed by max(1, n/K)
                                   // (sharing_schedule.h); a fixed delay, no jitter or stall
  Stall stall{};                   // one window, timed from the first request (any thread), in
                                   // which requests are answered only when it ends, or after
                                   // their delay if that is later (stall.h); length 0 = none
  // HTTPS (wolfSSL, on the same rings): certificate chain and key (PEM); empty = plain HTTP.
  // With tls_client_ca, clients must present a certificate signed by one of its CAs (mTLS).
  std::string tls_cert{};
  std::string tls_key{};
  std::string tls_client_ca{};
  std::string tls_min_version = "1.2";  // lowest and highest TLS version accepted: "1.2" | "1.3"
  std::string tls_max_version = "1.3";
  uint32_t threads = 1;            // worker threads, each with its own ring and SO_REUSEPORT
                                   // listener, pinned to the CPUs of the process affinity mask
                                   // in order (wrapping around when there are more threads)
};

// Pre-built responses are held in memory several times over (per connection header variant).
inline constexpr uint64_t max_body_size = 64ull << 20;

class Server {
 public:
  // Binds and listens on every worker's socket, then starts the worker threads, which set up
  // their rings and wait for run(). Throws ringbench::Error with a one-line message:
  // usage (bad host, body too large, zero threads, unreadable --tls-* files, HTTPS in a build
  // without wolfSSL) or cannot_run (port in use, ring setup).
  explicit Server(const ServerOptions& options);
  // Ends the workers if run() was never called, then closes the listeners. If run() was
  // called, it must have returned (set its stop flag and join its thread first).
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  uint16_t port() const noexcept;
  std::string address() const;  // "http://127.0.0.1:PORT/", "http://[::1]:PORT/", "https://..." with TLS

  // Serves until `stop` becomes true (checked at least every 25 ms), then closes every
  // connection and returns once all worker threads ended. Callable once; may be called from
  // any thread. Rethrows the first worker error (ringbench::Error) after all threads ended.
  void run(const std::atomic<bool>& stop);

  // Responses with status 200 handed to the kernel, summed over the workers (relaxed reads;
  // each is counted before its send is submitted, so a client that has read N responses
  // sees at least N). Error responses (400, 431, 501) are not counted.
  uint64_t requests_served() const noexcept;
  uint64_t connections_accepted() const noexcept;
  // HTTPS: connections whose TLS handshake failed on the server's side (garbage instead of a
  // ClientHello, no common version, a missing or unverifiable client certificate, an alert
  // from a client that refused the certificate). A client that just closes mid-handshake
  // is not counted. Always 0 for plain HTTP.
  uint64_t tls_handshake_failures() const noexcept;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ringbench::serve
