#pragma once
// The client half of TLS configuration, built once per worker thread before the clock starts:
// versions, trusted CAs (parsed once), optional client certificate, resumption policy.
// A context is cheap to use but costly to build (the system store holds ~150 CAs).
#include <memory>

#include "ringbench/tls/options.h"

namespace ringbench::tls {

class ClientContext {
 public:
  // Throws Error(usage) with a one-line reason: a version other than "1.2"/"1.3" (naming
  // --tls-min/--tls-max), min above max, an unreadable or unparsable --cacert/--cert/--key,
  // a key that does not match its certificate, --cert without --key (or the reverse).
  explicit ClientContext(const ClientOptions& options);
  ~ClientContext();
  ClientContext(ClientContext&&) noexcept;
  ClientContext& operator=(ClientContext&&) noexcept;
  ClientContext(const ClientContext&) = delete;
  ClientContext& operator=(const ClientContext&) = delete;

  bool verify() const noexcept;
  bool resume() const noexcept;

  struct Impl;

 private:
  friend class Session;
  std::unique_ptr<Impl> impl_;
};

}  // namespace ringbench::tls
