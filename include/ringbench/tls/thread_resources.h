#pragma once
// Per-thread memory wolfSSL keeps behind the caller's back: Debian's build caches fixed-point
// tables for ECC (FP_ECC) in thread-local storage, about 0.8 MiB per thread that verified or
// made an ECDSA signature. It is never freed by itself, so a thread that used TLS and is about to
// end (an engine worker at the end of a run, a serve worker) calls this last. Harmless when the
// thread did no TLS, and a no-op in a build without wolfSSL.

namespace ringbench::tls {

void release_thread_resources() noexcept;

}  // namespace ringbench::tls
