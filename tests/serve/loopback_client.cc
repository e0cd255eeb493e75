#include "loopback_client.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <cerrno>
#include <cstring>
#include <utility>

#include "ringbench/http/response_parser.h"

namespace ringbench::serve::testing {

LoopbackClient::LoopbackClient(uint16_t port, int timeout_ms) {
  fd_ = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  EXPECT_GE(fd_, 0) << std::strerror(errno);
  const timeval tv{timeout_ms / 1000, (timeout_ms % 1000) * 1000};
  setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  setsockopt(fd_, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
  const int one = 1;
  setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);  // one write = one segment
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  EXPECT_EQ(connect(fd_, reinterpret_cast<const sockaddr*>(&addr), sizeof addr), 0) << std::strerror(errno);
}

LoopbackClient::~LoopbackClient() {
  if (fd_ >= 0) close(fd_);
}

void LoopbackClient::send(std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    ASSERT_GT(n, 0) << "send: " << std::strerror(errno);
    bytes.remove_prefix(size_t(n));
  }
}

long LoopbackClient::read_some() {
  char buf[64 * 1024];
  for (;;) {
    const ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n > 0) pending_.append(buf, size_t(n));
    return long(n);
  }
}

Response LoopbackClient::read_response(bool head_request) {
  http::ResponseParser parser;
  parser.start(head_request);
  Response r;
  size_t fed = 0;  // bytes of pending_ already given to the parser
  for (;;) {
    if (fed < pending_.size()) {
      size_t consumed = 0;
      const auto result = parser.feed(pending_.data() + fed, pending_.size() - fed, consumed);
      fed += consumed;
      if (result == http::ResponseParser::Result::error) {
        ADD_FAILURE() << "unparsable response: " << http::describe(parser.error()) << "\n" << pending_;
        return r;
      }
      if (result == http::ResponseParser::Result::complete) {
        r.status = parser.status();
        r.body_bytes = parser.body_bytes();
        r.keep_alive = parser.keep_alive();
        r.raw = pending_.substr(0, fed);
        pending_.erase(0, fed);
        return r;
      }
    }
    const long n = read_some();
    if (n == 0 && parser.feed_eof() == http::ResponseParser::Result::complete) {
      r.status = parser.status();
      r.body_bytes = parser.body_bytes();
      r.raw = pending_;
      pending_.clear();
      return r;
    }
    if (n <= 0) {
      ADD_FAILURE() << (n == 0 ? "EOF" : std::strerror(errno)) << " after " << pending_.size()
                    << " bytes of a response";
      return r;
    }
  }
}

bool LoopbackClient::closed_by_peer() {
  if (!pending_.empty()) return false;
  const long n = read_some();
  return n == 0 || (n < 0 && errno == ECONNRESET);
}

std::string LoopbackClient::read_until_closed() {
  for (;;) {
    const long n = read_some();
    if (n > 0) continue;
    if (n == 0 || errno == ECONNRESET) break;
    ADD_FAILURE() << "the connection is still open: " << std::strerror(errno);
    break;
  }
  return std::exchange(pending_, std::string());
}

std::string get_request(std::string_view extra_headers, std::string_view method) {
  std::string r(method);
  r += " / HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: serve-test\r\n";
  r += extra_headers;
  r += "\r\n";
  return r;
}

}  // namespace ringbench::serve::testing
