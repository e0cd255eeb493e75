// "Insight": the plain-language reading of the run (insights.h), one line per insight,
// "label: value — verdict", the verdict coloured by severity.
#include <fmt/format.h>
#include <fmt/ostream.h>

#include <algorithm>
#include <string>
#include <vector>

#include "ringbench/report/ansi.h"
#include "printable.h"
#include "ringbench/report/insights.h"
#include "text_sections.h"

namespace ringbench::report {

namespace {

int color_of(Severity s) {
  switch (s) {
    case Severity::good: return ansi_green;
    case Severity::notice: return ansi_yellow;
    case Severity::warning: return ansi_orange;
    case Severity::bad: return ansi_red;
  }
  return ansi_red;  // only reachable with a value cast from outside the enum
}

// Ratios as "1.50x"; the failed rate is a fraction, the unfinished age a time in ms.
std::string value_of(const Insight& i) {
  if (i.key == "unfinished_age") return fmt::format("{:.2f} ms", i.value);
  return i.key == "failed_rate" ? fmt::format("{:.2f}%", i.value * 100)
                               : fmt::format("{:.2f}x", i.value);
}

}  // namespace

void write_insights(std::ostream& out, const TextContext& ctx) {
  const std::vector<Insight> insights = compute_insights(ctx.result);
  out << "Insight:\n";
  if (insights.empty()) {
    out << "  (no responses)\n";
    return;
  }
  size_t label_width = 0;
  for (const Insight& i : insights) label_width = std::max(label_width, i.label.size() + 1);
  const char* dash = ctx.style().unicode ? "—" : "-";
  for (const Insight& i : insights) {
    fmt::print(out, "  {:<{}} {:>7} {} {}", i.label + ":", label_width, value_of(i), dash,
               paint(i.verdict, color_of(i.severity), ctx.style()));
    if (!i.detail.empty()) fmt::print(out, " ({})", printable(i.detail, ctx.style()));
    out << "\n";
  }
}

}  // namespace ringbench::report
