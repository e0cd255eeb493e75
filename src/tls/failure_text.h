#pragma once
// wolfSSL error codes and received alerts → the one-line reason a person reads in the report:
// "certificate verify failed: unknown CA", "no common TLS version",
// "peer requires a client certificate", "peer rejected our certificate: unknown CA".
#include <string>

#include "library.h"

namespace ringbench::tls {

// `error` is wolfSSL_get_error() after a failed call on `ssl`.
std::string describe_failure(WOLFSSL* ssl, int error);

// The reason for a fatal alert the peer sent (RFC 8446 §6.2 codes).
std::string describe_alert(int alert);

}  // namespace ringbench::tls
