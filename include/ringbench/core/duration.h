#pragma once
// Durations as users type them, one grammar for every flag that takes one (-z, -t, --warmup,
// serve --delay/--jitter, --threshold and --slo latencies): a number and a unit, ns us µs ms
// s m h ("250ms", "1.5s", "2m"), or several such parts from the largest unit down ("1m30s",
// "1h 2m 3.5s"). Blanks may separate a number from its unit and the parts from each other.
// Numbers are plain decimals: no sign, exponent, inf or nan.
#include <optional>
#include <string>
#include <string_view>

#include "ringbench/core/clock.h"

namespace ringbench {

// Whether a lone number without a unit is read as seconds (-z 3) or refused (a latency limit,
// where "p99 < 20" could mean 20 ns as easily as 20 s).
enum class BareNumber { seconds, refused };

// The duration in ns (zero allowed), or nullopt when `text` does not follow the grammar or
// exceeds 1e18 ns.
std::optional<double> read_duration_ns(std::string_view text, BareNumber bare);

// A bare number means seconds. Throws Error(usage) naming `what` (e.g. "--duration") on
// malformed input or a duration under 1 ns.
Nanos parse_duration(std::string_view text, std::string_view what);

// "1.5s", "250ms", "12.3us" — for messages.
std::string format_duration(Nanos d);

}  // namespace ringbench
