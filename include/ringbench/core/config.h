#pragma once
// What the user asked for, after parsing argv and before planning. Plain data.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ringbench/core/clock.h"
#include "ringbench/core/stages.h"
#include "ringbench/core/start_time.h"

namespace ringbench {

struct Header {
  std::string name;
  std::string value;
};

// HTTPS client settings (used for https:// URLs only).
struct TlsConfig {
  std::string min_version = "1.2";  // --tls-min
  std::string max_version = "1.3";  // --tls-max
  bool insecure = false;            // -k/--insecure: no certificate or hostname verification
  std::string ca_file;              // --cacert; empty = the system store
  std::string cert_file;            // --cert (mutual TLS)
  std::string key_file;             // --key
  std::string sni;                  // --sni; empty = the URL host
  bool resume = true;               // --no-resume clears it
};

// How an open-loop run spaces its requests (--arrivals).
enum class Arrivals : uint8_t {
  constant,  // evenly, 1/R apart (wrk2's schedule)
  poisson,   // exponential gaps of mean 1/R from a seeded generator: independent users
};

// --pipeline's ceiling (h2load's -m and wrk's pipelining scripts are used far below it).
inline constexpr uint32_t max_pipeline = 1024;

struct Config {
  std::string url;
  std::string method = "GET";
  std::vector<Header> headers;      // -H, in the order given
  std::string body;                 // -d or the contents of -D
  std::string content_type;         // -T; empty = not asked for
  std::string accept;               // -A; empty = not asked for
  std::string basic_auth;           // -a "user:pass"; empty = none
  uint32_t concurrency = 50;        // -c
  // --pipeline: requests each connection keeps in flight, written back to back (RFC 9112 §9.3.2).
  uint32_t pipeline = 1;
  std::optional<uint64_t> requests; // -n
  std::optional<Nanos> duration;    // -z
  Nanos drain{0};                   // --drain: -z only, wait this long for in-flight responses
  Nanos timeout = std::chrono::seconds(20);
  bool keepalive = true;
  // Open loop (--rate): requests are sent on a schedule, R per second over the whole run,
  // whether or not earlier ones were answered; latency counts from each one's intended start.
  // None: closed loop (each connection sends its next request when the last is answered).
  std::optional<double> rate;
  Arrivals arrivals = Arrivals::constant;  // --arrivals
  uint64_t seed = 1;                       // --seed: the poisson generator's seed
  Nanos warmup{0};                         // --warmup: load run before the clock, not measured
  // --start-at: connections open first, then the clock starts at this wall time (the warm-up,
  // if any, just before it), so several clients measure the same window.
  std::optional<WallTime> start_at;
  // --stages: the rate (open loop) or the active connections (closed loop) ramp through these;
  // the run lasts their total duration.
  std::vector<Stage> stages;
  TlsConfig tls;
  uint32_t threads = 0;             // 0 = one per CPU of the affinity mask
};

// Whether `url` asks for HTTPS: its scheme, compared case-insensitively (RFC 3986), before the
// URL is parsed (a report of a saved config needs no parser).
bool is_https_url(std::string_view url) noexcept;

}  // namespace ringbench
