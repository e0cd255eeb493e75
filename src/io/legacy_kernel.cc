#include "ringbench/io/legacy_kernel.h"

#include <cstdlib>
#include <cstring>

namespace ringbench::io {

bool legacy_kernel_forced() noexcept {
  // Read once: the environment does not change during a run, and rings are made per worker.
  static const bool forced = [] {
    const char* value = std::getenv("RINGBENCH_LEGACY_KERNEL");
    return value != nullptr && std::strcmp(value, "1") == 0;
  }();
  return forced;
}

}  // namespace ringbench::io
