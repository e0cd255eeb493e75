#pragma once
// How text output may look. Decided once by the caller (cli) from the terminal, NO_COLOR,
// --no-color and the locale; every renderer takes it as plain data.
namespace ringbench::report {

struct Style {
  bool color = false;    // ANSI-256 colours (stdout is a terminal, no NO_COLOR / --no-color)
  bool unicode = false;  // Unicode block characters for bars (UTF-8 locale); ASCII otherwise
};

}  // namespace ringbench::report
