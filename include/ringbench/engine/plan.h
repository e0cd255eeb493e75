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
#include "ringbench/tls/options.h"

namespace ringbench::engine {

// Requests at least this large are sent with SEND_ZC from a registered buffer. Measured with
// microbench/send_zc_breakeven on loopback (kernel 6.18, 2 vCPUs): zero-copy costs more sender
// CPU than a copying send up to 64 KiB (12.6 vs 10.6 us), breaks even at 128 KiB (19.6 us
// each) and wins above (28.0 vs 37.0 us at 256 KiB).
inline constexpr size_t zero_copy_min_bytes = 128 * 1024;

struct WorkerPlan {
  int cpu = -1;                     // CPU to pin to; -1 = don't pin
  uint32_t connections = 0;
  std::optional<uint64_t> quota;    // requests this worker completes or fails (-n); none = until the deadline
};

// Source ports a worker binds its connections to (/proc/sys/net/ipv4/ip_local_port_range).
struct PortRange {
  uint16_t low = 32768;  // Linux's default
  uint16_t high = 60999;
  uint32_t size() const noexcept { return high >= low ? uint32_t(high - low) + 1 : 1; }
};

struct Plan {
  http::Url url;
  sockaddr_storage address{};       // resolved target: of several addresses, the first that accepted
  socklen_t address_length = 0;
  std::string address_text;         // "127.0.0.1:8080", "[::1]:8080"
  std::string connect_label;        // "connect 127.0.0.1:8080": how connect errors begin
  std::string request;              // pre-built request bytes
  // --pipeline: requests a connection keeps in flight, and `pipeline` copies of the request
  // back to back, so that k requests are one send of the first k copies.
  uint32_t pipeline = 1;
  std::string requests;
  bool head_request = false;        // responses carry no body
  bool zero_copy = false;           // send with SEND_ZC from a registered buffer (large bodies)
  // https:// only: what each worker builds its TLS client context from, and the name sent as
  // SNI and checked against the certificate (--sni, else the URL host).
  std::optional<tls::ClientOptions> tls;
  std::string tls_server_name;
  // IPv4 loopback targets: the source addresses whose ports in `source_ports` the workers bind
  // their connections to, one (address, port) pair each (docs/IO_URING.md, ephemeral-ports).
  // Empty: the kernel picks the source as usual.
  std::vector<sockaddr_in> sources;
  PortRange source_ports;
  uint64_t source_start = 0;        // where in the pairs worker 0 starts (random per run)
  std::optional<Nanos> duration;    // -z
  // -z only: after the deadline nothing new is sent, and the run waits up to this long for the
  // responses still in flight, which count like any other (the duration grows by the wait).
  Nanos drain{0};
  // Requests run this long after the connections open, then everything they measured is
  // dropped and the clock starts (sweep --warmup): caches, TCP windows and the server's
  // queues are warm when measuring begins. -n and -z count from the end of the warm-up.
  Nanos warmup{0};
  // --start-at: the clock starts at this wall time (to the clock's precision) once every
  // connection is open; the warm-up ends there. None: as soon as they are open.
  std::optional<WallTime> start_at;
  // Open loop (--rate): requests per second over all workers, split among them in proportion
  // to the connections each opened; none: closed loop.
  std::optional<double> rate;
  Arrivals arrivals = Arrivals::constant;
  uint64_t seed = 1;
  // --stages: the rate (open loop, from `rate`, else 0) or the connections sending (closed
  // loop, from 0) ramp through them; `duration` is their total unless -z was given.
  std::vector<Stage> stages;
  Nanos timeout{};
  Nanos interval = std::chrono::seconds(1);  // length of the time-series slices
  std::vector<WorkerPlan> workers;
  std::vector<std::string> warnings;  // printed once before the run (e.g. more threads than CPUs)
};

// Throws Error(cannot_run) for a host that does not resolve or none of whose several addresses
// accepts a connection (one address is not probed: the run's connects report it).
// Throws Error(usage) for a bad URL, bad TLS settings (unreadable
// --cacert, a key that does not match --cert, ...), or an https:// URL in a build without TLS.
Plan make_plan(const Config& config);

}  // namespace ringbench::engine
