#pragma once
// How the sweep's text output honours report::Style: ANSI colours (the same 256-colour
// escapes and verdict colours as the run report) and an ASCII fallback for the few
// non-ASCII characters the reasoning strings use. Private to module sweep.
#include <string>
#include <string_view>

#include <fmt/format.h>

#include "ringbench/report/style.h"

namespace ringbench::sweep {

inline constexpr int color_ok = 40;         // green
inline constexpr int color_flag = 226;      // yellow
inline constexpr int color_fallback = 208;  // orange
inline constexpr int color_bad = 196;       // red

inline std::string paint(std::string_view text, int color, const report::Style& style) {
  if (!style.color || text.empty()) return std::string(text);
  return fmt::format("\x1b[38;5;{}m{}\x1b[0m", color, text);
}

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
