#pragma once
// --tls-min/--tls-max → the wolfSSL method and minimum version of a context.
#include <string>

#include "library.h"

namespace ringbench::tls {

struct VersionRange {
  int min_minor = 2;  // TLS 1.<min_minor>
  int max_minor = 3;
};

// Accepts "1.2" and "1.3" (also "tls1.2", "TLSv1.3"). Throws Error(usage) naming the flag.
VersionRange parse_version_range(const std::string& min_version, const std::string& max_version);

enum class Side { client, server };

// A new context limited to the range. Throws Error(cannot_run) if wolfSSL refuses.
WOLFSSL_CTX* new_context(Side side, VersionRange range);

}  // namespace ringbench::tls
