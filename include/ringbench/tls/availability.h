#pragma once
// Whether this build has HTTPS. Without wolfSSL at configure time (meson -Dtls=disabled, or
// auto with libwolfssl-dev missing) module tls is a stub: available() is false and every
// context constructor throws Error(usage) "HTTPS support was not built (wolfSSL not found)".
// Code that depends on tls_dep also sees the macro RINGBENCH_HAVE_TLS in a real build.

namespace ringbench::tls {

bool available() noexcept;

// The message the stub throws, for callers that want to refuse https:// URLs early.
inline constexpr const char* unavailable_message = "HTTPS support was not built (wolfSSL not found)";

}  // namespace ringbench::tls
