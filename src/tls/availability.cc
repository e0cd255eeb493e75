#include "ringbench/tls/availability.h"

namespace ringbench::tls {

bool available() noexcept { return true; }

}  // namespace ringbench::tls
