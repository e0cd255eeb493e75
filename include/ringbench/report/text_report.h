#pragma once
// The human-readable report of one run (plain text, no colour yet). Pure: no I/O but `out`.
#include <ostream>

#include "ringbench/core/config.h"
#include "ringbench/stats/run_result.h"

namespace ringbench::report {

// Sections: Summary, Response time distribution, Response time histogram, Status code
// distribution, Details (connect/write/wait/read), Errors (with first message per class).
void write_text(std::ostream& out, const Config& config, const stats::RunResult& result);

}  // namespace ringbench::report
