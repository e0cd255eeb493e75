#pragma once
// Byte sizes as users type them: "512", "4k", "64KiB", "1m" (binary multiples).
#include <cstdint>
#include <string_view>

namespace ringbench {

// Throws Error(usage) naming `what` on malformed input.
uint64_t parse_size(std::string_view text, std::string_view what);

}  // namespace ringbench
