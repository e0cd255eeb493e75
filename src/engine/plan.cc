#include "ringbench/engine/plan.h"

#include <algorithm>
#include <cstring>
#include <fstream>
#include <random>

#include "ringbench/core/cpu_set.h"
#include "ringbench/core/error.h"
#include "ringbench/http/request_builder.h"
#include "ringbench/tls/availability.h"
#include "ringbench/tls/client_context.h"
#include "target_address.h"
#include "thread_count.h"

namespace ringbench::engine {
namespace {

// Resolved once; with several addresses, the first that accepts a probe connect is used by
// every connection of the run (target_address.h).
void resolve(Plan& plan) {
  const TargetAddress chosen = choose_target(resolve_target(plan.url.host, plan.url.port), plan.url.authority,
                                             plan.timeout);
  plan.address = chosen.address;
  plan.address_length = chosen.length;
  plan.address_text = chosen.text;
  plan.connect_label = "connect " + chosen.text;
}

PortRange ephemeral_ports() {
  std::ifstream file("/proc/sys/net/ipv4/ip_local_port_range");
  uint32_t low = 0, high = 0;
  PortRange range;  // Linux's default when the file cannot be read
  if (file >> low >> high && low > 0 && low <= high && high <= 65535) range = {uint16_t(low), uint16_t(high)};
  return range;
}

// An IPv4 loopback target: connections bind explicit source (address, port) pairs
// (source_ports.h; docs/IO_URING.md, ephemeral-ports). All of 127/8 is local, so any source
// address reaches the target. A pair stays taken for a minute after a connection that the
// client closed first (TIME_WAIT: every connection at the end of a run, a few during a
// --disable-keepalive run), so the pairs are many more than the connections: each address is
// given at most a quarter of its port range, and at least 4 addresses are used, 127.0.0.2
// onwards (4 up to ~28,000 connections with Linux's default range, 15 for 100,000). Workers
// start at a random pair so that two runs at once rarely try the same ones.
constexpr uint32_t min_source_addresses = 4;

void spread_sources(Plan& plan, const Config& config) {
  if (plan.address.ss_family != AF_INET) return;
  const auto* target = reinterpret_cast<const sockaddr_in*>(&plan.address);
  if ((ntohl(target->sin_addr.s_addr) >> 24) != 127) return;
  plan.source_ports = ephemeral_ports();
  const uint32_t per_source = std::max<uint32_t>(1, plan.source_ports.size() / 4);
  const uint32_t count = std::max<uint32_t>(min_source_addresses, (config.concurrency + per_source - 1) / per_source);
  for (uint32_t i = 0; i < count; ++i) {
    sockaddr_in source{};
    source.sin_family = AF_INET;
    source.sin_addr.s_addr = htonl((127u << 24) | (i + 2));  // 127.0.0.2 onwards
    plan.sources.push_back(source);
  }
  plan.source_start = std::random_device{}();
}

void split_work(Plan& plan, const Config& config) {
  std::vector<int> cpus = allowed_cpus();
  const bool known = !cpus.empty();
  if (!known) cpus.push_back(-1);  // the kernel would not say: run unpinned
  const ThreadChoice choice =
      choose_threads(config.concurrency, config.threads, uint32_t(cpus.size()), connections_per_ring(fd_hard_limit()));
  uint32_t threads = choice.threads;
  if (!choice.warning.empty()) plan.warnings.push_back(choice.warning);
  if (config.threads > cpus.size() && known) {
    plan.warnings.push_back("--threads " + std::to_string(config.threads) + " is more than the " +
                            std::to_string(cpus.size()) + " CPUs available: workers will share CPUs");
  }
  // A worker without a connection would only idle.
  threads = std::max<uint32_t>(1, std::min(threads, config.concurrency));
  if (config.requests) threads = uint32_t(std::min<uint64_t>(threads, std::max<uint64_t>(1, *config.requests)));
  for (uint32_t i = 0; i < threads; ++i) {
    WorkerPlan w;
    w.cpu = known ? worker_cpu(cpus, i, threads) : -1;
    w.connections = config.concurrency / threads + (i < config.concurrency % threads ? 1 : 0);
    if (config.requests) w.quota = *config.requests / threads + (i < *config.requests % threads ? 1 : 0);
    plan.workers.push_back(w);
  }
}

tls::ClientOptions client_options(const TlsConfig& t) {
  tls::ClientOptions o;
  o.min_version = t.min_version;
  o.max_version = t.max_version;
  o.verify = !t.insecure;
  o.ca_file = t.ca_file;
  o.cert_file = t.cert_file;
  o.key_file = t.key_file;
  o.resume = t.resume;
  return o;
}

// Every worker builds its own context (wolfSSL contexts are used from one thread); building
// one here first turns a bad --cacert or --key into a usage error before any thread starts.
void plan_tls(Plan& plan, const TlsConfig& t) {
  if (!tls::available()) throw_usage(std::string(tls::unavailable_message) + ": cannot fetch https:// URLs");
  plan.tls = client_options(t);
  plan.tls_server_name = t.sni.empty() ? plan.url.host : t.sni;
  tls::ClientContext check(*plan.tls);
}

// Pipelined requests need a connection that stays open: each would be the last one.
void plan_pipeline(Plan& plan, const Config& config) {
  if (config.pipeline == 0 || config.pipeline > max_pipeline) {
    throw_usage("--pipeline must be from 1 to " + std::to_string(max_pipeline));
  }
  if (config.pipeline > 1 && !config.keepalive) throw_usage("--pipeline needs keep-alive: not with --disable-keepalive");
  plan.pipeline = config.pipeline;
  plan.requests.reserve(plan.request.size() * config.pipeline);
  for (uint32_t i = 0; i < config.pipeline; ++i) plan.requests += plan.request;
}

}  // namespace

Plan make_plan(const Config& config) {
  if (config.concurrency == 0) throw_usage("--concurrency must be at least 1");
  if (config.requests && *config.requests == 0) throw_usage("--requests must be at least 1");
  Plan plan;
  plan.url = http::parse_url(config.url);
  if (plan.url.scheme == "https") plan_tls(plan, config.tls);
  plan.request = http::build_request(config, plan.url);
  plan.head_request = config.method == "HEAD";
  plan_pipeline(plan, config);
  plan.zero_copy = plan.request.size() >= zero_copy_min_bytes;
  plan.duration = config.duration;
  plan.drain = config.drain;
  plan.warmup = config.warmup;
  plan.start_at = config.start_at;
  plan.rate = config.rate;
  plan.arrivals = config.arrivals;
  plan.seed = config.seed;
  plan.stages = config.stages;
  if (!plan.stages.empty() && !plan.duration) plan.duration = stages_duration(plan.stages);
  plan.timeout = config.timeout;
  resolve(plan);
  spread_sources(plan, config);
  split_work(plan, config);
  return plan;
}

}  // namespace ringbench::engine
