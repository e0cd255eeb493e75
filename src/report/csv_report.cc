#include "ringbench/report/csv_report.h"

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <array>
#include <cmath>
#include <string>

namespace ringbench::report {

namespace {

using stats::Histogram;
using stats::IntervalSummary;
using stats::RunResult;

constexpr std::array<double, 9> table_percentiles = {10, 25, 50, 75, 90, 95, 99, 99.9, 99.99};

// Fixed notation with trailing zeros dropped: spreadsheets and awk read "1.5" and "2" alike,
// while the default shortest form would print "1e-06" for 1 ns in ms. Six decimals of ms keep
// whole nanoseconds exact.
std::string number(double x, int decimals) {
  if (!std::isfinite(x)) x = 0;  // an empty run has nothing to average: 0, never "nan"
  std::string s = fmt::format("{:.{}f}", x, decimals);
  if (s.find('.') != std::string::npos) {
    s.erase(s.find_last_not_of('0') + 1);
    if (s.back() == '.') s.pop_back();
  }
  return s == "-0" ? "0" : s;
}

std::string ms(double ns) { return number(ns / 1e6, 6); }

// "p10", "p99.9", "p99.99": the spelling --threshold and --slo use.
std::string percentile_label(double p) { return "p" + number(p, 2); }

// Open loop (`service` set) adds a column: the service time (actual send to last byte) beside
// the latency (from the intended start), so the part spent waiting in the client shows.
void write_percentiles(std::ostream& out, const Histogram& h, const Histogram* service) {
  out << (service ? "percentile,latency_ms,service_time_ms\n" : "percentile,latency_ms\n");
  const auto row = [&](const std::string& label, const auto& value_of) {
    fmt::print(out, "{},{}", label, ms(value_of(h)));
    if (service) fmt::print(out, ",{}", ms(value_of(*service)));
    out << "\n";
  };
  for (double p : table_percentiles) {
    row(percentile_label(p), [p](const Histogram& x) { return static_cast<double>(x.percentile(p)); });
  }
  row("min", [](const Histogram& x) { return static_cast<double>(x.min()); });
  row("mean", [](const Histogram& x) { return x.mean(); });
  row("max", [](const Histogram& x) { return static_cast<double>(x.max()); });
}

// Open-loop runs add the schedule's target rate per interval as a last column.
void write_intervals(std::ostream& out, const std::vector<IntervalSummary>& intervals) {
  const bool targets = !intervals.empty() && intervals.front().target_rate.has_value();
  out << "interval,start_s,end_s,responses,rps,errors,p50_ms,p90_ms,p99_ms,max_ms" << (targets ? ",target_rate\n" : "\n");
  for (const IntervalSummary& i : intervals) {
    fmt::print(out, "{},{},{},{},{},{},{},{},{},{}", i.index, number(i.start_s, 6),
               number(i.end_s, 6), i.responses, number(i.rps(), 3), i.error_total(),
               ms(static_cast<double>(i.p50_ns)), ms(static_cast<double>(i.p90_ns)),
               ms(static_cast<double>(i.p99_ns)), ms(static_cast<double>(i.max_ns)));
    out << (targets ? "," + number(i.target_rate.value_or(0), 3) + "\n" : "\n");
  }
}

}  // namespace

// No field holds a comma, quote or line break (labels are fixed, the rest are numbers), so
// RFC 4180 needs no quoting here. The config does not appear: the two tables are the data a
// spreadsheet plots, and the run's settings are in the JSON document; only --rate decides
// whether the service-time column is there.
void write_csv(std::ostream& out, const Config& config, const RunResult& result) {
  write_percentiles(out, result.totals.latency, config.rate ? &result.totals.service_time : nullptr);
  out << "\n";
  write_intervals(out, result.intervals);
}

}  // namespace ringbench::report
