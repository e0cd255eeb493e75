#include <algorithm>
#include <cstdio>

#include "ringbench/cli/commands.h"
#include "ringbench/cli/interrupt.h"
#include "ringbench/core/cpu_set.h"
#include "ringbench/core/error.h"

namespace ringbench::cli {
namespace {

uint32_t usable_cpus() { return uint32_t(std::max<size_t>(1, allowed_cpus().size())); }

}  // namespace

int run_server(const serve::ServerOptions& asked) {
  serve::ServerOptions options = asked;
  if (options.threads == 0) options.threads = usable_cpus();
  const std::atomic<bool>& stop = install_interrupt_flag();
  serve::Server server(options);
  std::printf("ringbench serve: listening on %s (%u thread%s, %llu-byte %sbody", server.address().c_str(),
              options.threads, options.threads == 1 ? "" : "s", static_cast<unsigned long long>(options.body_size), options.chunked ? "chunked " : "");
  if (options.capacity > 0) std::printf(", capacity %u%s", options.capacity, options.sharing ? " shared" : "");
  if (options.stall.length.count() > 0) std::printf(", %s", serve::describe_stall(options.stall).c_str());
  std::printf(")\n");
  std::fflush(stdout);
  server.run(stop);
  std::printf("ringbench serve: served %llu requests on %llu connections",
              static_cast<unsigned long long>(server.requests_served()),
              static_cast<unsigned long long>(server.connections_accepted()));
  if (!options.tls_cert.empty()) {
    std::printf(", %llu failed TLS handshakes", static_cast<unsigned long long>(server.tls_handshake_failures()));
  }
  std::printf("\n");
  return int(ExitCode::ok);
}

}  // namespace ringbench::cli
