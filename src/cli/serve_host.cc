#include "serve_host.h"

#include <arpa/inet.h>
#include <netinet/in.h>

#include "ringbench/core/error.h"

namespace ringbench::cli {
namespace {

bool is_loopback_v4(const in_addr& a) { return (ntohl(a.s_addr) >> 24) == 127; }

bool is_loopback_v6(const in6_addr& a) {
  if (IN6_IS_ADDR_LOOPBACK(&a)) return true;
  if (!IN6_IS_ADDR_V4MAPPED(&a)) return false;
  return a.s6_addr[12] == 127;
}

}  // namespace

void refuse_remote_host(const std::string& host) {
  in_addr v4{};
  in6_addr v6{};
  bool loopback = true;
  if (inet_pton(AF_INET, host.c_str(), &v4) == 1) loopback = is_loopback_v4(v4);
  else if (inet_pton(AF_INET6, host.c_str(), &v6) == 1) loopback = is_loopback_v6(v6);
  if (loopback) return;
  throw_usage("serve: --host " + host + " is not a loopback address and would expose the server to other "
              "machines; add --allow-remote if that is intended");
}

}  // namespace ringbench::cli
