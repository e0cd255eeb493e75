#pragma once
// `ringbench serve` listens on loopback unless told otherwise: a benchmark target has no
// authentication and answers anyone, so exposing it to the network takes --allow-remote.
#include <string>

namespace ringbench::cli {

// Throws Error(usage) when `host` is a numeric address outside 127.0.0.0/8, ::1 and
// ::ffff:127.0.0.0/104 (0.0.0.0 and :: included: they listen on every interface). A host that
// is not a numeric address is left to the listener, which refuses it with its own message.
void refuse_remote_host(const std::string& host);

}  // namespace ringbench::cli
