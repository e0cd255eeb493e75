#pragma once
// What a ClientContext / ServerContext holds; Session reads it when it creates a connection.
#include "library.h"
#include "ringbench/tls/client_context.h"
#include "ringbench/tls/server_context.h"

namespace ringbench::tls {

// Owns one reference to a WOLFSSL_CTX (every WOLFSSL made from it holds another, so sessions
// may outlive the context).
class ContextHandle {
 public:
  explicit ContextHandle(WOLFSSL_CTX* ctx) noexcept : ctx_(ctx) {}
  ~ContextHandle() { wolfSSL_CTX_free(ctx_); }
  ContextHandle(const ContextHandle&) = delete;
  ContextHandle& operator=(const ContextHandle&) = delete;
  WOLFSSL_CTX* get() const noexcept { return ctx_; }

 private:
  WOLFSSL_CTX* ctx_;
};

struct ClientContext::Impl {
  ContextHandle ctx;
  bool verify;
  bool resume;
};

struct ServerContext::Impl {
  ContextHandle ctx;
};

}  // namespace ringbench::tls
