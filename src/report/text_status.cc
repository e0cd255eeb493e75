// "Status code distribution": one line per status seen, "[503] Service Unavailable  120
// responses", the code and phrase coloured by class so failures stand out on a terminal.
#include <fmt/format.h>
#include <fmt/ostream.h>

#include <algorithm>
#include <string>
#include <vector>

#include "ringbench/report/ansi.h"
#include "status_reason.h"
#include "text_sections.h"

namespace ringbench::report {

namespace {

int color_of_class(int status) {
  switch (status / 100) {
    case 2: return ansi_green;
    case 3: return ansi_yellow;
    case 4: return ansi_orange;
    case 5: return ansi_red;
    default: return -1;  // 1xx: informational, nothing to flag
  }
}

struct StatusLine {
  std::string label;  // "[200] OK"
  int status;
  uint64_t count;
};

std::vector<StatusLine> lines_of(const stats::Counters& c) {
  std::vector<StatusLine> lines;
  for (int code = stats::min_status; code <= stats::max_status; ++code) {
    const uint64_t n = c.status_count(code);
    if (n == 0) continue;
    const std::string_view reason = reason_phrase(code);
    lines.push_back({reason.empty() ? fmt::format("[{}]", code)
                                    : fmt::format("[{}] {}", code, reason),
                     code, n});
  }
  return lines;
}

}  // namespace

void write_status_codes(std::ostream& out, const TextContext& ctx) {
  out << "Status code distribution:\n";
  const std::vector<StatusLine> lines = lines_of(ctx.result.totals.counters);
  if (lines.empty()) {
    out << "  (none)\n";
    return;
  }
  size_t label_width = 0, count_width = 0;
  for (const StatusLine& l : lines) {
    label_width = std::max(label_width, l.label.size());
    count_width = std::max(count_width, std::to_string(l.count).size());
  }
  for (const StatusLine& l : lines) {
    const int color = color_of_class(l.status);
    const std::string label = color < 0 ? l.label : paint(l.label, color, ctx.style());
    fmt::print(out, "  {}{}  {:>{}} responses\n", label,
               std::string(label_width - l.label.size(), ' '), l.count, count_width);
  }
}

}  // namespace ringbench::report
