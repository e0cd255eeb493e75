#pragma once
// SIGINT / SIGTERM end a run gracefully: the first one sets this flag (the report is still
// printed and written); the handler is then reset, so a second Ctrl-C kills at once.
#include <atomic>

namespace ringbench::cli {

const std::atomic<bool>& install_interrupt_flag();

}  // namespace ringbench::cli
