#include "target_address.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <poll.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>

#include "ringbench/core/error.h"

namespace ringbench::engine {
namespace {

// errno of a non-blocking connect to `target` that did not complete within `timeout`, or 0.
int probe_connect(const TargetAddress& target, Nanos timeout) {
  const int fd = socket(target.address.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd < 0) return errno;
  int err = 0;
  if (connect(fd, reinterpret_cast<const sockaddr*>(&target.address), target.length) != 0) {
    err = errno;
    if (err == EINPROGRESS) {
      pollfd p{fd, POLLOUT, 0};
      const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(timeout).count();
      const int ready = poll(&p, 1, int(std::min<long long>(ms, 1 << 30)));
      socklen_t len = sizeof err;
      if (ready == 0) {
        err = ETIMEDOUT;
      } else if (ready < 0) {
        err = errno;
      } else if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &len) != 0) {
        err = errno;
      }
    }
  }
  close(fd);
  return err;
}

}  // namespace

std::string address_text(const sockaddr* address) {
  char host[INET6_ADDRSTRLEN] = {};
  if (address->sa_family == AF_INET6) {
    const auto* a = reinterpret_cast<const sockaddr_in6*>(address);
    inet_ntop(AF_INET6, &a->sin6_addr, host, sizeof host);
    return "[" + std::string(host) + "]:" + std::to_string(ntohs(a->sin6_port));
  }
  const auto* a = reinterpret_cast<const sockaddr_in*>(address);
  inet_ntop(AF_INET, &a->sin_addr, host, sizeof host);
  return std::string(host) + ":" + std::to_string(ntohs(a->sin_port));
}

std::vector<TargetAddress> resolve_target(const std::string& host, uint16_t port) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_NUMERICSERV;
  addrinfo* found = nullptr;
  const std::string service = std::to_string(port);
  const int rc = getaddrinfo(host.c_str(), service.c_str(), &hints, &found);
  if (rc != 0 || found == nullptr) throw_cannot_run("cannot resolve host '" + host + "': " + gai_strerror(rc));
  std::vector<TargetAddress> all;
  for (const addrinfo* a = found; a != nullptr; a = a->ai_next) {
    if (a->ai_family != AF_INET && a->ai_family != AF_INET6) continue;
    TargetAddress t;
    std::memcpy(&t.address, a->ai_addr, a->ai_addrlen);
    t.length = a->ai_addrlen;
    t.text = address_text(a->ai_addr);
    all.push_back(std::move(t));
  }
  freeaddrinfo(found);
  if (all.empty()) throw_cannot_run("cannot resolve host '" + host + "': no IPv4 or IPv6 address");
  return all;
}

TargetAddress choose_target(const std::vector<TargetAddress>& candidates, const std::string& authority,
                            Nanos timeout) {
  // One address leaves nothing to choose: the run's own connects say what is wrong with it.
  if (candidates.size() == 1) return candidates.front();
  std::string tried;
  for (const TargetAddress& t : candidates) {
    const int err = probe_connect(t, timeout);
    if (err == 0) return t;
    tried += (tried.empty() ? "" : "; ") + t.text + ": " + std::strerror(err);
  }
  throw_cannot_run("no connection could be established to " + authority + ": " + tried);
}

}  // namespace ringbench::engine
