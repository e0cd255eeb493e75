#pragma once
#include <string_view>

namespace ringbench {
// Set by meson from the project version.
inline constexpr std::string_view version = RINGBENCH_VERSION;
}  // namespace ringbench
