#include "scripted_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <stdexcept>
#include <string>

#include "ringbench/core/clock.h"

namespace ringbench::testing {
namespace {

void send_all(int fd, const std::string& bytes) {
  size_t off = 0;
  while (off < bytes.size()) {
    const ssize_t n = ::send(fd, bytes.data() + off, bytes.size() - off, MSG_NOSIGNAL);
    if (n <= 0) return;
    off += size_t(n);
  }
}

}  // namespace

ScriptedServer::ScriptedServer(Behaviour behaviour, uint64_t answers) : behaviour_(behaviour), answers_(answers) {
  listener_ = socket(AF_INET, SOCK_STREAM, 0);
  const int one = 1;
  setsockopt(listener_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  const int backlog = behaviour == Behaviour::never_accept ? 1 : 1024;
  if (bind(listener_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || listen(listener_, backlog) != 0) {
    throw std::runtime_error("scripted server: bind/listen failed");
  }
  socklen_t len = sizeof addr;
  getsockname(listener_, reinterpret_cast<sockaddr*>(&addr), &len);
  port_ = ntohs(addr.sin_port);
  if (behaviour != Behaviour::never_accept) acceptor_ = std::thread([this] { accept_loop(); });
}

ScriptedServer::~ScriptedServer() {
  stopping_ = true;
  shutdown(listener_, SHUT_RDWR);
  if (acceptor_.joinable()) acceptor_.join();
  {
    std::lock_guard lock(mutex_);
    for (int fd : clients_) shutdown(fd, SHUT_RDWR);
  }
  for (std::thread& t : threads_) t.join();
  close(listener_);
}

void ScriptedServer::accept_loop() {
  while (!stopping_) {
    sockaddr_in peer{};
    socklen_t length = sizeof peer;
    const int fd = accept(listener_, reinterpret_cast<sockaddr*>(&peer), &length);
    if (fd < 0) continue;
    std::lock_guard lock(mutex_);
    char text[INET_ADDRSTRLEN] = {};
    peers_.insert(inet_ntop(AF_INET, &peer.sin_addr, text, sizeof text));
    if (stopping_) {
      close(fd);
      break;
    }
    clients_.push_back(fd);
    threads_.emplace_back([this, fd] { serve(fd); });
  }
}

std::set<std::string> ScriptedServer::peer_addresses() {
  std::lock_guard lock(mutex_);
  return peers_;
}

bool ScriptedServer::read_request(int fd, std::string& pending) {
  char buf[4096];
  while (pending.find("\r\n\r\n") == std::string::npos) {
    const ssize_t n = recv(fd, buf, sizeof buf, 0);
    if (n <= 0) return false;
    pending.append(buf, size_t(n));
  }
  pending.erase(0, pending.find("\r\n\r\n") + 4);
  ++requests_;
  return true;
}

void ScriptedServer::serve(int fd) {
  converse(fd);
  std::lock_guard lock(mutex_);  // close under the lock so the destructor never touches a reused fd
  std::erase(clients_, fd);
  close(fd);
}

// The responses to the request just read and to every complete one already behind it
// (pipelined), Content-Length and chunked in turn, each with the body "yes".
std::string ScriptedServer::answer_batch(std::string& pending) {
  std::string replies;
  for (uint32_t i = 0;; ++i) {
    replies += i % 2 == 1 ? "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nyes\r\n0\r\n\r\n"
                          : "HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nyes";
    if (pending.find("\r\n\r\n") == std::string::npos) return replies;
    pending.erase(0, pending.find("\r\n\r\n") + 4);
    ++requests_;
  }
}

void ScriptedServer::converse(int fd) {
  std::string pending;
  uint64_t answered_here = 0;
  while (!stopping_ && read_request(fd, pending)) {
    switch (behaviour_) {
      case Behaviour::close_after_response:
        send_all(fd, std::string("HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: ") +
                         std::to_string(std::strlen(body)) + "\r\n\r\n" + body);
        shutdown(fd, SHUT_WR);
        return;
      case Behaviour::reset_after_request: {
        const linger hard{1, 0};
        setsockopt(fd, SOL_SOCKET, SO_LINGER, &hard, sizeof hard);
        // with linger 0 the close in serve() sends RST
        return;
      }
      case Behaviour::stall: continue;
      case Behaviour::freeze:
        if (answered_.fetch_add(1) < answers_) {
          send_all(fd, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
        } else {
          uint64_t none = 0;
          froze_at_ns_.compare_exchange_strong(none, monotonic_ns());
        }
        continue;
      case Behaviour::garbage: send_all(fd, "SMTP ready\r\n\r\n"); continue;
      case Behaviour::chunked_bytewise: {
        const std::string reply = std::string("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n") +
                                  "5\r\nhello\r\n0B\r\n, ringbench\r\n0\r\n\r\n";
        const int one = 1;
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        for (char c : reply) send_all(fd, std::string(1, c));
        continue;
      }
      case Behaviour::never_accept: return;
      case Behaviour::body_longer_than_length:
        send_all(fd, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokAND MORE");
        continue;
      case Behaviour::close_after_answers:
        if (++answered_here < answers_) {
          send_all(fd, "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
          continue;
        }
        send_all(fd, "HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Length: 2\r\n\r\nok");
        shutdown(fd, SHUT_WR);
        return;
      case Behaviour::batch_bytewise: {
        const int one = 1;
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        for (char c : answer_batch(pending)) send_all(fd, std::string(1, c));
        continue;
      }
      case Behaviour::close_delimited:
        send_all(fd, std::string("HTTP/1.0 200 OK\r\n\r\n") + body);
        shutdown(fd, SHUT_WR);
        return;
    }
  }
}

}  // namespace ringbench::testing
