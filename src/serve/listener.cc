#include "listener.h"

#include <arpa/inet.h>
#include <netinet/tcp.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "ringbench/core/error.h"

namespace ringbench::serve {
namespace {

std::string describe(const SocketAddress& a) {
  const std::string host = a.host();
  return (a.ipv6() ? "[" + host + "]" : host) + ":" + std::to_string(a.port());
}

}  // namespace

SocketAddress SocketAddress::parse(const std::string& host, uint16_t port) {
  SocketAddress a;
  auto* v4 = reinterpret_cast<sockaddr_in*>(&a.storage);
  auto* v6 = reinterpret_cast<sockaddr_in6*>(&a.storage);
  if (inet_pton(AF_INET, host.c_str(), &v4->sin_addr) == 1) {
    v4->sin_family = AF_INET;
    a.length = sizeof(sockaddr_in);
  } else if (inet_pton(AF_INET6, host.c_str(), &v6->sin6_addr) == 1) {
    v6->sin6_family = AF_INET6;
    a.length = sizeof(sockaddr_in6);
  } else {
    throw_usage("serve: host '" + host + "' is not a numeric IPv4 or IPv6 address");
  }
  a.set_port(port);
  return a;
}

uint16_t SocketAddress::port() const noexcept {
  if (ipv6()) return ntohs(reinterpret_cast<const sockaddr_in6*>(&storage)->sin6_port);
  return ntohs(reinterpret_cast<const sockaddr_in*>(&storage)->sin_port);
}

void SocketAddress::set_port(uint16_t port) noexcept {
  if (ipv6()) {
    reinterpret_cast<sockaddr_in6*>(&storage)->sin6_port = htons(port);
  } else {
    reinterpret_cast<sockaddr_in*>(&storage)->sin_port = htons(port);
  }
}

std::string SocketAddress::host() const {
  char text[INET6_ADDRSTRLEN] = {};
  if (ipv6()) {
    inet_ntop(AF_INET6, &reinterpret_cast<const sockaddr_in6*>(&storage)->sin6_addr, text, sizeof text);
  } else {
    inet_ntop(AF_INET, &reinterpret_cast<const sockaddr_in*>(&storage)->sin_addr, text, sizeof text);
  }
  return text;
}

Listener::Listener(const SocketAddress& address) : address_(address) {
  fd_ = socket(address.storage.ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd_ < 0) throw_cannot_run(std::string("serve: cannot create a socket: ") + std::strerror(errno));
  const int one = 1;
  const char* step = "bind";
  if (setsockopt(fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) != 0 ||
      setsockopt(fd_, SOL_SOCKET, SO_REUSEPORT, &one, sizeof one) != 0 ||
      setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one) != 0) {
    step = "set socket options for";
  } else if (bind(fd_, reinterpret_cast<const sockaddr*>(&address.storage), address.length) != 0) {
    step = "bind";
  } else if (listen(fd_, backlog) != 0) {
    step = "listen on";
  } else {
    socklen_t length = sizeof address_.storage;
    if (getsockname(fd_, reinterpret_cast<sockaddr*>(&address_.storage), &length) == 0) return;
    step = "read the bound port of";
  }
  const int error = errno;
  close(fd_);
  fd_ = -1;
  throw_cannot_run("serve: cannot " + std::string(step) + " " + describe(address) + ": " + std::strerror(error));
}

std::vector<Listener> listen_group(const SocketAddress& address, uint32_t count) {
  if (address.port() != 0) {
    // A bind without SO_REUSEPORT fails if anything listens there, with or without it.
    const int probe = socket(address.storage.ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
    const int one = 1;
    if (probe >= 0 && setsockopt(probe, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) == 0 &&
        bind(probe, reinterpret_cast<const sockaddr*>(&address.storage), address.length) != 0) {
      const int error = errno;
      close(probe);
      throw_cannot_run("serve: cannot bind " + describe(address) + ": " + std::strerror(error));
    }
    if (probe >= 0) close(probe);
  }
  std::vector<Listener> group;
  group.reserve(count);
  group.emplace_back(address);
  SocketAddress same_port = group.front().address();
  for (uint32_t i = 1; i < count; ++i) group.emplace_back(same_port);
  return group;
}

Listener::Listener(Listener&& other) noexcept : fd_(other.fd_), address_(other.address_) { other.fd_ = -1; }

Listener::~Listener() {
  if (fd_ >= 0) close(fd_);
}

}  // namespace ringbench::serve
