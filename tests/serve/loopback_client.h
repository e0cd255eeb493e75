#pragma once
// A plain blocking POSIX client for the server tests: the opposite of the server under test
// (no io_uring), so a bug in one cannot hide a bug in the other. TlsLoopbackClient
// (tls_loopback_client.h) puts a TLS session under send() and read_some().
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace ringbench::serve::testing {

struct Response {
  int status = 0;
  uint64_t body_bytes = 0;  // decoded (chunk payload only)
  bool keep_alive = false;
  std::string raw;          // the response's bytes exactly as received
};

class LoopbackClient {
 public:
  // Connects to 127.0.0.1:port; every read gives up after `timeout_ms`.
  explicit LoopbackClient(uint16_t port, int timeout_ms = 3000);
  virtual ~LoopbackClient();
  LoopbackClient(const LoopbackClient&) = delete;
  LoopbackClient& operator=(const LoopbackClient&) = delete;

  virtual void send(std::string_view bytes);

  // Reads one whole response, parsed by http::ResponseParser; bytes after it are kept for
  // the next call. Fails the test (status 0) on a parse error, timeout or early EOF.
  Response read_response(bool head_request = false);

  // True when the server closed the connection (read returns 0, or a reset) with no
  // further bytes.
  bool closed_by_peer();

  // Reads until the server ends the connection (EOF or reset) and returns the bytes that came
  // before; fails the test if a read times out first.
  std::string read_until_closed();

  int fd() const noexcept { return fd_; }

 protected:
  // Appends what one read() returns to pending_; 0 on EOF, -1 on error or timeout (errno:
  // ECONNRESET for a reset, EAGAIN for a timeout).
  virtual long read_some();

  std::string pending_;  // received, not yet part of a returned response

 private:
  int fd_ = -1;
};

// "GET / HTTP/1.1" with a Host header and the given extra header lines ("Name: v\r\n").
std::string get_request(std::string_view extra_headers = "", std::string_view method = "GET");

}  // namespace ringbench::serve::testing
