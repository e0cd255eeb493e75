#include "ringbench/report/text_report.h"

#include <array>
#include <sstream>

#include "text_sections.h"

namespace ringbench::report {

namespace {

using Section = void (*)(std::ostream&, const TextContext&);

// In reading order. A section that has nothing to say writes nothing and takes no space.
constexpr std::array<Section, 12> sections = {
    write_summary,  write_caveats,   write_distribution, write_open_loop, write_histogram,
    write_legend,   write_slo_targets, write_status_codes, write_details,
    write_errors,   write_insights,  write_thresholds};

}  // namespace

// Sections are rendered apart and joined with one blank line, so none has to know whether
// an optional one (caveats, legend, SLO targets, errors, thresholds) came before or after it.
void write_text(std::ostream& out, const Config& config, const stats::RunResult& result,
                const ReportOptions& options) {
  const TextContext ctx{config, result, options, SecondsFormat(result.totals.latency.min()),
                        slo_thresholds(result.totals.latency, options.slo)};
  bool first = true;
  for (Section section : sections) {
    std::ostringstream part;
    section(part, ctx);
    if (part.view().empty()) continue;
    if (!first) out << '\n';
    out << part.view();
    first = false;
  }
}

}  // namespace ringbench::report
