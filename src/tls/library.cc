#include "library.h"

#include <wolfssl/wolfcrypt/ecc.h>

#include "ringbench/core/error.h"
#include "ringbench/tls/thread_resources.h"

namespace ringbench::tls {

void initialize_library() {
  static const int status = wolfSSL_Init();
  if (status != WOLFSSL_SUCCESS) throw_cannot_run("cannot initialise wolfSSL (error " + std::to_string(status) + ")");
}

void release_thread_resources() noexcept {
#if defined(HAVE_ECC) && defined(FP_ECC)
  wc_ecc_fp_free();
#endif
}

}  // namespace ringbench::tls
