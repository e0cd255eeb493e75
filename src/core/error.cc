#include "ringbench/core/error.h"

namespace ringbench {

Error::Error(ExitCode code, const std::string& message) : std::runtime_error(message), code_(code) {}

void throw_usage(const std::string& message) { throw Error(ExitCode::usage, message); }

void throw_cannot_run(const std::string& message) { throw Error(ExitCode::cannot_run, message); }

}  // namespace ringbench
