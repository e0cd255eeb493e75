#include "ringbench/serve/server.h"

#include <sys/resource.h>

#include <algorithm>
#include <condition_variable>
#include <exception>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <vector>

#include "listener.h"
#include "response_templates.h"
#include "ringbench/core/cpu_set.h"
#include "ringbench/core/error.h"
#include "ringbench/tls/availability.h"
#include "ringbench/tls/server_context.h"
#include "ringbench/tls/thread_resources.h"
#include "server_worker.h"

namespace ringbench::serve {
namespace {

// Direct descriptors per worker. Each ring's table is capped by RLIMIT_NOFILE
// (docs/IO_URING.md, fixed-table-vs-nofile), although the descriptors in it do not count: the
// soft limit is raised to the hard one, and each worker takes that many (up to 65536), so
// `--threads` sets how many connections the server holds (threads x the hard limit).
constexpr uint64_t max_connections_per_worker = 65536;
constexpr uint64_t min_connections_per_worker = 64;

uint32_t connections_per_worker() {
  uint64_t n = max_connections_per_worker;
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) == 0) {
    if (limit.rlim_cur < limit.rlim_max) {
      limit.rlim_cur = limit.rlim_max;
      setrlimit(RLIMIT_NOFILE, &limit);  // on failure the soft limit read below still holds
      getrlimit(RLIMIT_NOFILE, &limit);
    }
    if (limit.rlim_cur != RLIM_INFINITY) n = std::min<uint64_t>(n, limit.rlim_cur);
  }
  return uint32_t(std::max(n, min_connections_per_worker));
}

void validate(const ServerOptions& o) {
  if (o.threads == 0) throw_usage("serve: --threads must be at least 1");
  if (o.body_size > max_body_size) {
    throw_usage("serve: --body-size must be at most " + std::to_string(max_body_size >> 20) + "MiB");
  }
  if (o.delay.count() < 0) throw_usage("serve: --delay must not be negative");
  if (o.jitter.count() < 0) throw_usage("serve: --jitter must not be negative");
  if (o.stall.after.count() < 0 || o.stall.length.count() < 0) throw_usage("serve: --stall must not be negative");
  if (o.stall.after.count() > 0 && o.stall.length.count() == 0) throw_usage("serve: --stall LENGTH must be more than 0");
  if (o.capacity > 0 && o.delay.count() + o.jitter.count() == 0) {
    throw_usage("serve: --capacity needs a --delay (the time each request is in service)");
  }
  if (o.sharing && o.capacity == 0) throw_usage("serve: --sharing needs --capacity (the K requests served at full speed)");
  if (o.sharing && (o.jitter.count() > 0 || o.stall.length.count() > 0)) {
    throw_usage("serve: --sharing takes a fixed --delay: not --jitter or --stall");
  }
  const bool https = !o.tls_cert.empty() || !o.tls_key.empty() || !o.tls_client_ca.empty();
  if (https && !tls::available()) throw_usage(std::string("serve: --tls-cert: ") + tls::unavailable_message);
  if (o.capacity > 0 && o.capacity < o.threads) {
    throw_usage("serve: --capacity must be at least --threads (each thread serves its share)");
  }
}

// --capacity is split across threads: each has its own queue, as each has its own listener.
uint32_t capacity_share(const ServerOptions& o, uint32_t index) {
  if (o.capacity == 0) return 0;
  return o.capacity / o.threads + (index < o.capacity % o.threads ? 1 : 0);
}

std::unique_ptr<tls::ServerContext> make_tls_context(const ServerOptions& o) {
  if (o.tls_cert.empty() && o.tls_key.empty()) {
    if (!o.tls_client_ca.empty()) throw_usage("serve: --tls-client-ca needs --tls-cert and --tls-key");
    return nullptr;
  }
  tls::ServerOptions t;
  t.cert_file = o.tls_cert;
  t.key_file = o.tls_key;
  t.client_ca_file = o.tls_client_ca;
  t.require_client_cert = !o.tls_client_ca.empty();
  t.min_version = o.tls_min_version;
  t.max_version = o.tls_max_version;
  return std::make_unique<tls::ServerContext>(t);
}

}  // namespace

// Worker threads start in the constructor so that ring setup errors surface there, before
// anyone is told the server is up; they then wait at a gate for run() (or the destructor).
struct Server::Impl {
  explicit Impl(const ServerOptions& o)
      : options(o),
        listeners((validate(o), listen_group(SocketAddress::parse(o.host, o.port), o.threads))),
        templates(o.body_size, o.chunked),
        counters(new WorkerCounters[o.threads]),
        errors(o.threads),
        tls(make_tls_context(o)) {}

  void start_workers();
  void worker_main(uint32_t index, int cpu, uint32_t max_connections);
  void open_gate(const std::atomic<bool>* stop_flag);  // null: workers end without serving
  void join_all();
  void rethrow_first_error();

  ServerOptions options;
  std::vector<Listener> listeners;
  ResponseTemplates templates;
  std::unique_ptr<WorkerCounters[]> counters;
  std::vector<std::exception_ptr> errors;  // one per worker, written by that worker only
  std::vector<std::thread> threads;
  // One context for every worker: its ticket key must be shared for resumption to work
  // whichever worker the reconnect lands on.
  std::unique_ptr<tls::ServerContext> tls;
  std::atomic<bool> abort{false};          // a worker failed while serving: the others stop
  std::atomic<uint64_t> first_request_ns{0};  // --stall: when the server's first request arrived

  std::mutex mutex;
  std::condition_variable changed;
  uint32_t prepared = 0;                   // workers done with setup (successfully or not)
  bool gate_open = false;
  const std::atomic<bool>* stop = nullptr; // set with gate_open; null: end without serving
  bool ran = false;
};

void Server::Impl::start_workers() {
  const std::vector<int> cpus = allowed_cpus();
  const uint32_t max_connections = connections_per_worker();
  try {
    for (uint32_t i = 0; i < options.threads; ++i) {
      const int cpu = worker_cpu(cpus, i, options.threads);
      threads.emplace_back([this, i, cpu, max_connections] { worker_main(i, cpu, max_connections); });
    }
  } catch (...) {
    open_gate(nullptr);
    join_all();
    throw;
  }
  std::unique_lock lock(mutex);
  changed.wait(lock, [&] { return prepared == threads.size(); });
  lock.unlock();
  if (std::any_of(errors.begin(), errors.end(), [](const auto& e) { return e != nullptr; })) {
    open_gate(nullptr);
    join_all();
    rethrow_first_error();
  }
}

void Server::Impl::worker_main(uint32_t index, int cpu, uint32_t max_connections) {
  std::unique_ptr<ServerWorker> worker;
  try {
    if (cpu >= 0) pin_current_thread(cpu);  // before the ring, so its memory is local
    worker = std::make_unique<ServerWorker>(WorkerConfig{listeners[index].fd(), max_connections,
                                                         options.delay, options.jitter,
                                                         capacity_share(options, index), options.sharing, options.stall,
                                                         &first_request_ns, &templates, &counters[index],
                                                         tls.get()});
  } catch (...) {
    errors[index] = std::current_exception();
  }
  const std::atomic<bool>* stop_flag = nullptr;
  {
    std::unique_lock lock(mutex);
    ++prepared;
    changed.notify_all();
    changed.wait(lock, [&] { return gate_open; });
    stop_flag = stop;
  }
  if (worker && stop_flag) {
    try {
      worker->run(*stop_flag, abort);
    } catch (...) {
      errors[index] = std::current_exception();
      abort.store(true, std::memory_order_relaxed);
    }
  }
  worker.reset();  // on this thread: the ring is SINGLE_ISSUER
  tls::release_thread_resources();
}

void Server::Impl::open_gate(const std::atomic<bool>* stop_flag) {
  std::lock_guard lock(mutex);
  stop = stop_flag;
  gate_open = true;
  changed.notify_all();
}

void Server::Impl::join_all() {
  for (std::thread& t : threads) {
    if (t.joinable()) t.join();
  }
}

void Server::Impl::rethrow_first_error() {
  for (const std::exception_ptr& e : errors) {
    if (e) std::rethrow_exception(e);
  }
}

Server::Server(const ServerOptions& options) : impl_(std::make_unique<Impl>(options)) {
  impl_->start_workers();
}

Server::~Server() {
  if (!impl_->ran) impl_->open_gate(nullptr);
  impl_->join_all();
}

uint16_t Server::port() const noexcept { return impl_->listeners.front().address().port(); }

std::string Server::address() const {
  const SocketAddress& a = impl_->listeners.front().address();
  const std::string host = a.ipv6() ? "[" + a.host() + "]" : a.host();
  const char* scheme = impl_->tls ? "https://" : "http://";
  return scheme + host + ":" + std::to_string(a.port()) + "/";
}

void Server::run(const std::atomic<bool>& stop) {
  {
    std::lock_guard lock(impl_->mutex);
    if (impl_->ran) throw std::logic_error("serve: Server::run called twice");
    impl_->ran = true;
  }
  impl_->open_gate(&stop);
  impl_->join_all();
  impl_->rethrow_first_error();
}

uint64_t Server::requests_served() const noexcept {
  uint64_t total = 0;
  for (uint32_t i = 0; i < impl_->options.threads; ++i) {
    total += impl_->counters[i].requests.load(std::memory_order_relaxed);
  }
  return total;
}

uint64_t Server::connections_accepted() const noexcept {
  uint64_t total = 0;
  for (uint32_t i = 0; i < impl_->options.threads; ++i) {
    total += impl_->counters[i].connections.load(std::memory_order_relaxed);
  }
  return total;
}

uint64_t Server::tls_handshake_failures() const noexcept {
  uint64_t total = 0;
  for (uint32_t i = 0; i < impl_->options.threads; ++i) {
    total += impl_->counters[i].tls_handshake_failures.load(std::memory_order_relaxed);
  }
  return total;
}

}  // namespace ringbench::serve
