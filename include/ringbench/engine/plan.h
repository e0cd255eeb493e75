#pragma once
// Everything a run needs, decided before any thread starts: the resolved target, the request
// bytes, and how connections and requests are split across workers.
#include <netinet/in.h>
#include <sys/socket.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "ringbench/core/clock.h"
#include "ringbench/core/config.h"
#include "ringbench/http/url.h"

namespace ringbench::engine {

struct WorkerPlan {
  int cpu = -1;                     // CPU to pin to; -1 = don't pin
  uint32_t connections = 0;
  std::optional<uint64_t> quota;    // requests this worker completes or fails (-n); none = until the deadline
};

struct Plan {
  http::Url url;
  sockaddr_storage address{};       // resolved target
  socklen_t address_length = 0;
  std::string request;              // pre-built request bytes
  bool head_request = false;        // responses carry no body
  std::optional<Nanos> duration;    // -z
  Nanos timeout{};
  std::vector<WorkerPlan> workers;
  std::vector<std::string> warnings;  // printed once before the run (e.g. more threads than CPUs)
};

// Throws Error(usage) for a bad URL or an unresolvable host, Error(cannot_run) when HTTPS
// is asked for (not supported yet).
Plan make_plan(const Config& config);

}  // namespace ringbench::engine
