#pragma once
// Text that came from outside (error messages, possibly echoing server bytes) made safe to
// print: no control byte may smuggle an escape sequence into a report, and an ASCII-only
// report stays ASCII-only whatever the message held.
#include <string>
#include <string_view>

#include "ringbench/report/style.h"

namespace ringbench::report {

inline std::string printable(std::string_view text, const Style& style) {
  std::string out(text);
  for (char& ch : out) {
    const auto byte = static_cast<unsigned char>(ch);
    if (byte < 0x20 || byte == 0x7f || (byte >= 0x80 && !style.unicode)) ch = '?';
  }
  return out;
}

}  // namespace ringbench::report
