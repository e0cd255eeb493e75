#include "key_exchange_groups.h"

#include "ringbench/core/error.h"

namespace ringbench::tls {

void offer_key_exchange_groups(WOLFSSL_CTX* ctx) {
  int groups[] = {WOLFSSL_ECC_X25519, WOLFSSL_ECC_SECP256R1, WOLFSSL_ECC_SECP384R1, WOLFSSL_ECC_SECP521R1,
                  WOLFSSL_ECC_X448,   WOLFSSL_FFDHE_2048,    WOLFSSL_FFDHE_3072};
  const int count = int(sizeof groups / sizeof groups[0]);
  if (wolfSSL_CTX_set_groups(ctx, groups, count) == WOLFSSL_SUCCESS) return;
  // wolfSSL_CTX_set_groups only takes TLS 1.3-capable contexts; a TLS 1.2-only one lists the
  // groups in its supported_groups extension instead.
  for (int group : groups) {
    if (wolfSSL_CTX_UseSupportedCurve(ctx, static_cast<word16>(group)) != WOLFSSL_SUCCESS)
      throw_cannot_run("cannot offer TLS key exchange group " + std::to_string(group));
  }
}

}  // namespace ringbench::tls
