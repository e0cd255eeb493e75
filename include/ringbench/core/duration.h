#pragma once
// Durations as users type them: "250ms", "10s", "2m", "1h", "1.5s", "500us".
// A bare number means seconds. Anything else is a usage error.
#include <string>
#include <string_view>

#include "ringbench/core/clock.h"

namespace ringbench {

// Throws Error(usage) naming `what` (e.g. "--duration") on malformed, zero-or-negative input.
Nanos parse_duration(std::string_view text, std::string_view what);

// "1.5s", "250ms", "12.3us" — for messages.
std::string format_duration(Nanos d);

}  // namespace ringbench
