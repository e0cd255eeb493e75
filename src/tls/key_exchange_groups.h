#pragma once
// Which (EC)DHE groups a context offers, in preference order. X25519 comes first: Debian's
// wolfSSL does P-256 with generic big-number code, several times slower than its dedicated
// X25519, and X25519 is also what OpenSSL-based servers (nginx) prefer, so TLS 1.3 key shares
// match without a HelloRetryRequest. P-256/384/521, X448 and FFDHE stay on offer for peers
// that need them.
#include "library.h"

namespace ringbench::tls {

// Throws Error(cannot_run) if wolfSSL refuses the list.
void offer_key_exchange_groups(WOLFSSL_CTX* ctx);

}  // namespace ringbench::tls
