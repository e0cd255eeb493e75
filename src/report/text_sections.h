#pragma once
// The sections of the text report (text_report.h), each written by its own file. They share
// one TextContext so that every section formats seconds and colour bands the same way.
#include <ostream>

#include "latency_format.h"
#include "ringbench/core/config.h"
#include "ringbench/report/report_options.h"
#include "ringbench/report/slo.h"
#include "ringbench/stats/run_result.h"

namespace ringbench::report {

struct TextContext {
  const Config& config;
  const stats::RunResult& result;
  const ReportOptions& options;
  SecondsFormat secs;    // from the fastest response, for every "secs" column
  SloThresholds levels;  // colour bands: run-relative, with the --slo targets applied

  const Style& style() const noexcept { return options.style; }
  const stats::Histogram& latency() const noexcept { return result.totals.latency; }
};

// text_summary.cc: the hey-style facts.
void write_summary(std::ostream& out, const TextContext& ctx);
void write_caveats(std::ostream& out, const TextContext& ctx);
void write_details(std::ostream& out, const TextContext& ctx);
void write_errors(std::ostream& out, const TextContext& ctx);

// text_distribution.cc: the percentile list, key percentiles coloured by band, graded only against --slo targets.
void write_distribution(std::ostream& out, const TextContext& ctx);

// text_histogram.cc: log-spaced histogram, bars coloured by band, and its legend.
void write_histogram(std::ostream& out, const TextContext& ctx);
void write_legend(std::ostream& out, const TextContext& ctx);

// text_status.cc: status code counts with reason phrases, coloured by class.
void write_status_codes(std::ostream& out, const TextContext& ctx);

// text_verdicts.cc: PASS/FAIL of --slo targets and of --threshold gates.
void write_slo_targets(std::ostream& out, const TextContext& ctx);
void write_thresholds(std::ostream& out, const TextContext& ctx);

// text_open_loop.cc: open loop (--rate) only, nothing for a closed-loop run: the service-time
// line of the distribution, the "Open loop" section (target vs achieved rate, send lag,
// requests that waited for a connection) and the behind-schedule caveat (schedule_check.h).
void write_service_time(std::ostream& out, const TextContext& ctx);
void write_open_loop(std::ostream& out, const TextContext& ctx);
void write_schedule_caveat(std::ostream& out, const TextContext& ctx);

// text_insights.cc: the "Insight" section, always present.
void write_insights(std::ostream& out, const TextContext& ctx);

}  // namespace ringbench::report
