#pragma once
// Which address of the URL's host the run connects to. The host is resolved once; when it
// has several addresses (localhost is often ::1 and 127.0.0.1), each is tried in the
// resolver's order with one blocking probe connect, as curl and wrk do, and the first that
// accepts is used by every connection of the run.
#include <sys/socket.h>

#include <string>
#include <vector>

#include "ringbench/core/clock.h"

namespace ringbench::engine {

struct TargetAddress {
  sockaddr_storage address{};
  socklen_t length = 0;
  std::string text;  // "127.0.0.1:8080", "[::1]:8080": what connect errors name
};

// Every address of host:port, in the resolver's order. Throws Error(cannot_run) when the
// name does not resolve.
std::vector<TargetAddress> resolve_target(const std::string& host, uint16_t port);

// "127.0.0.1:8080" or "[::1]:8080".
std::string address_text(const sockaddr* address);

// The only address, unprobed, or the first of several that accepts a TCP connection within
// `timeout` (the probe is closed at once). Throws Error(cannot_run) naming every address tried
// and why when none does.
TargetAddress choose_target(const std::vector<TargetAddress>& candidates, const std::string& authority,
                            Nanos timeout);

}  // namespace ringbench::engine
