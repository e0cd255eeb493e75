#pragma once
// The server half of TLS configuration for `ringbench serve`: certificate and key, optional
// client-certificate verification, versions. Build ONE and share it by reference between all
// server workers: session tickets are encrypted with a key that lives in the context, so a
// ticket issued by one worker is only accepted by a worker using the same context.
#include <memory>

#include "ringbench/tls/options.h"

namespace ringbench::tls {

class ServerContext {
 public:
  // Throws Error(usage) with a one-line reason (bad version, unreadable or unparsable
  // --tls-cert/--tls-key/--tls-client-ca, key not matching the certificate,
  // require_client_cert without client_ca_file).
  explicit ServerContext(const ServerOptions& options);
  ~ServerContext();
  ServerContext(ServerContext&&) noexcept;
  ServerContext& operator=(ServerContext&&) noexcept;
  ServerContext(const ServerContext&) = delete;
  ServerContext& operator=(const ServerContext&) = delete;

  struct Impl;

 private:
  friend class Session;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ringbench::tls
