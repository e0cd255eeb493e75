#include "ringbench/tls/server_context.h"

#include "context_impl.h"
#include "credential_files.h"
#include "key_exchange_groups.h"
#include "ringbench/core/error.h"
#include "transport.h"
#include "version_range.h"

namespace ringbench::tls {

ServerContext::ServerContext(const ServerOptions& options) {
  const VersionRange range = parse_version_range(options.min_version, options.max_version);
  if (options.cert_file.empty() || options.key_file.empty())
    throw_usage("serving HTTPS needs --tls-cert FILE and --tls-key FILE");
  if (options.require_client_cert && options.client_ca_file.empty())
    throw_usage("requiring client certificates needs --tls-client-ca FILE to verify them against");
  initialize_library();
  impl_.reset(new Impl{ContextHandle(new_context(Side::server, range))});
  WOLFSSL_CTX* ctx = impl_->ctx.get();
  install_transport_callbacks(ctx);
  offer_key_exchange_groups(ctx);
  load_identity(ctx, options.cert_file, "--tls-cert", options.key_file, "--tls-key");
  if (options.client_ca_file.empty()) {
    wolfSSL_CTX_set_verify(ctx, WOLFSSL_VERIFY_NONE, nullptr);
  } else {
    load_trusted_cas(ctx, options.client_ca_file, "--tls-client-ca");
    int mode = WOLFSSL_VERIFY_PEER;
    if (options.require_client_cert) mode |= WOLFSSL_VERIFY_FAIL_IF_NO_PEER_CERT;
    wolfSSL_CTX_set_verify(ctx, mode, nullptr);
  }
}

ServerContext::~ServerContext() = default;
ServerContext::ServerContext(ServerContext&&) noexcept = default;
ServerContext& ServerContext::operator=(ServerContext&&) noexcept = default;

}  // namespace ringbench::tls
