#pragma once
// The one place module tls includes wolfSSL from: <wolfssl/options.h> must come first so the
// library's structures are seen with the options Debian's libwolfssl was built with.
#include <wolfssl/options.h>
#include <wolfssl/ssl.h>
#include <wolfssl/error-ssl.h>
#include <wolfssl/wolfcrypt/error-crypt.h>

namespace ringbench::tls {

// wolfSSL_Init, once per process (thread-safe). Called by the context constructors; wolfSSL_Cleanup
// is never called: the library's global state lives until the process exits. The per-thread
// state goes with release_thread_resources() (ringbench/tls/thread_resources.h).
void initialize_library();

}  // namespace ringbench::tls
