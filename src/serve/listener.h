#pragma once
// A listening TCP socket per worker thread. Each is bound to the same address with
// SO_REUSEPORT, so the kernel spreads new connections over the workers' accept queues and the
// workers never share a socket. A plain fd: it is created before any ring exists (the port
// must be known when Server's constructor returns) and is only the source of multishot accept.
#include <netinet/in.h>
#include <sys/socket.h>

#include <cstdint>
#include <string>
#include <vector>

namespace ringbench::serve {

struct SocketAddress {
  sockaddr_storage storage{};
  socklen_t length = 0;

  // Parses a numeric IPv4 or IPv6 literal (no name lookup). Throws Error(usage).
  static SocketAddress parse(const std::string& host, uint16_t port);

  bool ipv6() const noexcept { return storage.ss_family == AF_INET6; }
  uint16_t port() const noexcept;
  void set_port(uint16_t port) noexcept;
  std::string host() const;  // numeric form, e.g. "127.0.0.1", "::1"
};

class Listener {
 public:
  // The listen backlog asked for; the kernel clamps it to net.core.somaxconn.
  static constexpr int backlog = 65535;

  // Binds `address` (port 0: any free port) with SO_REUSEADDR, SO_REUSEPORT and TCP_NODELAY
  // (accepted sockets inherit it: responses must not wait for Nagle), then listens.
  // Throws Error(cannot_run) naming the address and the reason.
  explicit Listener(const SocketAddress& address);
  ~Listener();
  Listener(Listener&& other) noexcept;
  Listener& operator=(Listener&&) = delete;
  Listener(const Listener&) = delete;
  Listener& operator=(const Listener&) = delete;

  int fd() const noexcept { return fd_; }
  const SocketAddress& address() const noexcept { return address_; }  // with the bound port

 private:
  int fd_ = -1;
  SocketAddress address_;
};

// `count` listeners on one port: `address`'s port, or the free port the kernel gives the
// first when it is 0. SO_REUSEPORT would also let this group silently share a port with
// another server run by the same user, so an explicit port is first checked to be free.
std::vector<Listener> listen_group(const SocketAddress& address, uint32_t count);

}  // namespace ringbench::serve
