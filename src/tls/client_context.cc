#include "ringbench/tls/client_context.h"

#include "context_impl.h"
#include "credential_files.h"
#include "key_exchange_groups.h"
#include "transport.h"
#include "version_range.h"

namespace ringbench::tls {

ClientContext::ClientContext(const ClientOptions& options) {
  const VersionRange range = parse_version_range(options.min_version, options.max_version);
  initialize_library();
  impl_.reset(new Impl{ContextHandle(new_context(Side::client, range)), options.verify, options.resume});
  WOLFSSL_CTX* ctx = impl_->ctx.get();
  install_transport_callbacks(ctx);
  offer_key_exchange_groups(ctx);
  if (options.verify) {
    if (options.ca_file.empty()) load_trusted_cas(ctx, system_ca_file, "the system CA store (give --cacert FILE or -k)");
    else load_trusted_cas(ctx, options.ca_file, "--cacert");
    wolfSSL_CTX_set_verify(ctx, WOLFSSL_VERIFY_PEER, nullptr);
  } else {
    wolfSSL_CTX_set_verify(ctx, WOLFSSL_VERIFY_NONE, nullptr);
  }
  load_identity(ctx, options.cert_file, "--cert", options.key_file, "--key");
  // Sessions are carried by SavedSession, one per connection slot, so wolfSSL's process-wide
  // session cache (locked rows shared by every worker) is not used on the client.
  wolfSSL_CTX_set_session_cache_mode(ctx, WOLFSSL_SESS_CACHE_OFF);
  if (options.resume) wolfSSL_CTX_UseSessionTicket(ctx);  // TLS 1.2 tickets; TLS 1.3 always has them
}

ClientContext::~ClientContext() = default;
ClientContext::ClientContext(ClientContext&&) noexcept = default;
ClientContext& ClientContext::operator=(ClientContext&&) noexcept = default;

bool ClientContext::verify() const noexcept { return impl_->verify; }
bool ClientContext::resume() const noexcept { return impl_->resume; }

}  // namespace ringbench::tls
