#pragma once
// What the terminal allows: colour only on a terminal without NO_COLOR / --no-color,
// Unicode bars only under a UTF-8 locale.
#include "ringbench/report/style.h"

namespace ringbench::cli {

report::Style style_for_stdout(bool no_color);
bool stderr_is_terminal();

}  // namespace ringbench::cli
