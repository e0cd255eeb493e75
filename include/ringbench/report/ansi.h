#pragma once
// ANSI 256-colour escapes for the text renderers, the run report's and sweep's. The only place
// that writes an escape sequence, so "no colour" is one test of Style::color here, not one per
// section or module.
#include <fmt/format.h>

#include <string>
#include <string_view>

#include "ringbench/report/style.h"

namespace ringbench::report {

// Colours of verdicts shared by several sections (the latency bands have their own, in slo.h).
inline constexpr int ansi_green = 40;
inline constexpr int ansi_yellow = 226;
inline constexpr int ansi_orange = 208;
inline constexpr int ansi_red = 196;

// `text` in foreground colour `color` (0..255) when style.color; `text` unchanged otherwise.
// An empty text stays empty: an escape pair around nothing would only add bytes.
inline std::string paint(std::string_view text, int color, const Style& style) {
  if (!style.color || text.empty()) return std::string(text);
  return fmt::format("\x1b[38;5;{}m{}\x1b[0m", color, text);
}

}  // namespace ringbench::report
