// tls_cost: the figures behind module tls's closing note, measured in memory (no sockets):
//   - heap bytes per established Session (client and server), from mallinfo2 deltas over
//     1000 live sessions, and the share wolfSSL allocates itself (counting allocators);
//   - CPU time per full and per resumed TLS 1.3 handshake (Session creation included), split
//     into client and server side;
//   - heap allocations per request/response exchange on an established session.
// Usage: tls_cost [sessions, default 1000]   (needs the openssl CLI, like the tests)
#include <malloc.h>

#include <wolfssl/options.h>
#include <wolfssl/ssl.h>
#include <wolfssl/wolfcrypt/memory.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <new>
#include <vector>

#include "memory_link.h"
#include "ringbench/tls/client_context.h"
#include "ringbench/tls/server_context.h"
#include "test_certificates.h"

using namespace ringbench::tls;
using namespace ringbench::tls::test;

namespace {

size_t wolf_allocations = 0;
size_t cxx_allocations = 0;

void* counting_malloc(size_t n) { ++wolf_allocations; return std::malloc(n); }
void counting_free(void* p) { std::free(p); }
void* counting_realloc(void* p, size_t n) { ++wolf_allocations; return std::realloc(p, n); }

size_t heap_in_use() { return mallinfo2().uordblks; }

using Clock = std::chrono::steady_clock;

struct SideTimes {
  double client_s = 0, server_s = 0;
};

// A handshake with each side's calls timed separately.
bool timed_handshake(Session& client, Session& server, SideTimes& t) {
  auto timed = [](Session& s, double& acc) {
    const auto start = Clock::now();
    Status st = s.handshake();
    acc += std::chrono::duration<double>(Clock::now() - start).count();
    return st;
  };
  Status c = timed(client, t.client_s), s = Status::want_io;
  for (int round = 0; round < 10 && (c != Status::done || s != Status::done); ++round) {
    std::string wire = drain(client);
    if (!wire.empty()) { server.feed(wire.data(), wire.size()); s = timed(server, t.server_s); }
    wire = drain(server);
    if (!wire.empty()) { client.feed(wire.data(), wire.size()); c = timed(client, t.client_s); }
    if (c == Status::failed || s == Status::failed) return false;
  }
  return c == Status::done && s == Status::done;
}

// One request and its response, ciphertext handed straight from one session's outbound() to the
// other's feed() (read in place), so the only allocations are the sessions' own.
size_t deliver(Session& from, Session& to) {
  size_t plaintext = 0;
  char scratch[16 * 1024];
  for (std::string_view out = from.outbound(); !out.empty(); out = from.outbound()) {
    to.feed(out.data(), out.size());
    to.read(scratch, sizeof scratch, [&](const char*, size_t n) { plaintext += n; });
    from.consume_outbound(out.size());
  }
  return plaintext;
}

void exchange(Session& client, Session& server, const std::string& request, const std::string& response) {
  client.write(request);
  deliver(client, server);
  server.write(response);
  deliver(server, client);
}

template <class F>
auto timed(double& seconds, F f) {
  const auto start = Clock::now();
  auto result = f();
  seconds += std::chrono::duration<double>(Clock::now() - start).count();
  return result;
}

void run(const char* label, KeyType type, int n) {
  const TestCertificates& certs = test_certificates(type);
  if (!certs.ok()) {
    std::fprintf(stderr, "%s\n", certs.error.c_str());
    std::exit(1);
  }
  ClientOptions co;
  co.ca_file = certs.ca;
  co.min_version = co.max_version = "1.3";
  ServerOptions so;
  so.cert_file = certs.server_cert;
  so.key_file = certs.server_key;
  ClientContext cc(co);
  ServerContext sc(so);
  std::printf("\n== TLS 1.3, server certificate %s, %d sessions ==\n", label, n);

  // Full handshakes, all kept alive for the memory figure.
  std::vector<Session> clients, servers;
  clients.reserve(size_t(n));
  servers.reserve(size_t(n));
  std::vector<SavedSession> saved(static_cast<size_t>(n));
  SideTimes full;
  malloc_trim(0);
  const size_t before = heap_in_use();
  const size_t wolf_before = wolf_allocations;
  for (int i = 0; i < n; ++i) {
    clients.push_back(timed(full.client_s, [&] { return Session::client(cc, "localhost", nullptr); }));
    servers.push_back(timed(full.server_s, [&] { return Session::server(sc); }));
    if (!timed_handshake(clients.back(), servers.back(), full)) {
      std::fprintf(stderr, "handshake failed: %s / %s\n", clients.back().error().c_str(), servers.back().error().c_str());
      std::exit(1);
    }
  }
  const size_t after_handshakes = heap_in_use();
  const size_t wolf_per_pair = (wolf_allocations - wolf_before) / size_t(n);
  for (int i = 0; i < n; ++i) exchange(clients[size_t(i)], servers[size_t(i)], "GET / HTTP/1.1\r\nHost: localhost\r\n\r\n",
                                       "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
  const size_t after_first_exchange = heap_in_use();
  servers.clear();
  malloc_trim(0);
  const size_t clients_only = heap_in_use();
  for (int i = 0; i < n; ++i) clients[size_t(i)].save(saved[size_t(i)]);
  const size_t with_saved = heap_in_use();
  clients.clear();
  malloc_trim(0);
  const size_t saved_only = heap_in_use();

  std::printf("full handshake:    %7.1f us client + %7.1f us server  (%.0f handshakes/s for a client core)\n",
              full.client_s / n * 1e6, full.server_s / n * 1e6, n / full.client_s);
  std::printf("heap per client+server pair after the handshake: %zu B (wolfSSL allocation calls per pair: %zu)\n",
              (after_handshakes - before) / size_t(n), wolf_per_pair);
  std::printf("heap per pair after one request/response:        %zu B\n", (after_first_exchange - before) / size_t(n));
  std::printf("heap per client Session (established, idle):     %zu B\n", (clients_only - before) / size_t(n));
  std::printf("heap per SavedSession (+ client Session alive):  %zu B extra\n", (with_saved - clients_only) / size_t(n));
  std::printf("heap per SavedSession alone:                     %zu B\n", (saved_only - before) / size_t(n));

  // Resumed handshakes from the saved sessions.
  SideTimes resumed;
  int resumed_count = 0;
  for (int i = 0; i < n; ++i) {
    Session client = timed(resumed.client_s, [&] { return Session::client(cc, "localhost", &saved[size_t(i)]); });
    Session server = timed(resumed.server_s, [&] { return Session::server(sc); });
    if (!timed_handshake(client, server, resumed)) std::exit(1);
    resumed_count += client.resumed() ? 1 : 0;
  }
  std::printf("resumed handshake: %7.1f us client + %7.1f us server  (%.0f handshakes/s for a client core; %d/%d resumed)\n",
              resumed.client_s / n * 1e6, resumed.server_s / n * 1e6, n / resumed.client_s, resumed_count, n);

  // Steady state: allocations per exchange on one established session.
  Session client = Session::client(cc, "localhost", nullptr);
  Session server = Session::server(sc);
  SideTimes ignored;
  timed_handshake(client, server, ignored);
  const std::string request = "GET / HTTP/1.1\r\nHost: localhost\r\n\r\n";
  const std::string response = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";
  for (int i = 0; i < 10; ++i) exchange(client, server, request, response);  // warm up
  const size_t wolf0 = wolf_allocations, cxx0 = cxx_allocations;
  const auto start = Clock::now();
  const int exchanges = 10000;
  for (int i = 0; i < exchanges; ++i) exchange(client, server, request, response);
  const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  std::printf("request/response on an established session: %.2f us both sides; allocations per exchange: "
              "%.1f by wolfSSL, %.1f by module tls\n",
              seconds / exchanges * 1e6, double(wolf_allocations - wolf0) / exchanges,
              double(cxx_allocations - cxx0) / exchanges);
}

}  // namespace

void* operator new(size_t n) {
  ++cxx_allocations;
  if (void* p = std::malloc(n ? n : 1)) return p;
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, size_t) noexcept { std::free(p); }

int main(int argc, char** argv) {
  const int n = argc > 1 ? std::atoi(argv[1]) : 1000;
  wolfSSL_Init();
  wolfSSL_SetAllocators(counting_malloc, counting_free, counting_realloc);
  run("ECDSA P-256", KeyType::ec_p256, n);
  run("RSA 2048", KeyType::rsa_2048, n);
}
