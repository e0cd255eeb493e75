#pragma once
// How the sweep's text output honours report::Style: the run report's palette and painter
// (report/ansi.h, the only writer of escape sequences) and an ASCII fallback for the few
// non-ASCII characters the reasoning strings use. Private to module sweep.
#include <string>
#include <string_view>

#include <fmt/format.h>

#include "ringbench/report/ansi.h"
#include "ringbench/report/style.h"

namespace ringbench::sweep {

// The run report's verdict colours and its one writer of escape sequences.
using report::paint;
inline constexpr int color_ok = report::ansi_green;
inline constexpr int color_flag = report::ansi_yellow;
inline constexpr int color_fallback = report::ansi_orange;
inline constexpr int color_bad = report::ansi_red;

// Reasons and reasoning are written once, in UTF-8 ("2.5× baseline", "(p99/p50)²"); a terminal
// without a UTF-8 locale gets "2.5x baseline" and "(p99/p50)^2" instead of mojibake.
inline std::string printable(std::string text, const report::Style& style) {
  if (style.unicode) return text;
  const auto replace_all = [&text](std::string_view from, std::string_view to) {
    for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
      text.replace(at, from.size(), to);
    }
  };
  replace_all("×", "x");
  replace_all("²", "^2");
  return text;
}

}  // namespace ringbench::sweep
