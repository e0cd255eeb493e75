#include "ringbench/report/text_report.h"

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <string>
#include <vector>

namespace ringbench::report {

namespace {

using stats::Counters;
using stats::Histogram;
using stats::PhaseStat;
using stats::RunResult;

constexpr int histogram_lines = 16;
constexpr uint64_t bar_width = 40;
constexpr std::array<double, 9> distribution_percentiles = {10, 25, 50, 75, 90,
                                                            95, 99, 99.9, 99.99};

// Seconds with 4 decimals like hey, but with more when the fastest response is under 1 ms:
// a local server answers in tens of µs, and "0.0000 secs" would say nothing. Chosen once per
// report so that every column lines up.
class SecondsFormat {
 public:
  explicit SecondsFormat(uint64_t fastest_ns) : decimals_(decimals_for(fastest_ns)) {}

  std::string operator()(double ns) const {
    return fmt::format("{:.{}f}", ns / 1e9, decimals_);
  }

 private:
  // Two significant digits for the fastest value: a d-digit number of ns is ~10^(d-10) s.
  static int decimals_for(uint64_t ns) {
    if (ns == 0) return 4;
    const int digits = static_cast<int>(std::to_string(ns).size());
    return std::clamp(11 - digits, 4, 9);
  }

  int decimals_;
};

// A run that ended before its clock started has no meaningful duration; print 0, not nan.
double finite_or_zero(double x) { return std::isfinite(x) && x > 0 ? x : 0.0; }

void write_line(std::ostream& out, const char* label, const std::string& value) {
  fmt::print(out, "  {:<14}{}\n", label, value);
}

void write_summary(std::ostream& out, const Config& config, const RunResult& result,
                   const SecondsFormat& secs) {
  const Histogram& h = result.totals.latency;
  const Counters& c = result.totals.counters;
  const uint64_t size_per_request = c.responses ? c.body_bytes / c.responses : 0;
  out << "Summary:\n";
  write_line(out, "Total:", fmt::format("{:.4f} secs", finite_or_zero(result.duration_s)));
  write_line(out, "Slowest:", secs(static_cast<double>(h.max())) + " secs");
  write_line(out, "Fastest:", secs(static_cast<double>(h.min())) + " secs");
  write_line(out, "Average:", secs(h.mean()) + " secs");
  write_line(out, "Requests/sec:", fmt::format("{:.4f}", finite_or_zero(result.rps())));
  write_line(out, "Total data:", fmt::format("{} bytes", c.body_bytes));
  write_line(out, "Size/request:", fmt::format("{} bytes", size_per_request));
  write_line(out, "Bytes:", fmt::format("read {}, written {}", c.bytes_read, c.bytes_written));
  // Failures to open are only mentioned when there were some: they explain opened < asked.
  const std::string& why = c.first_error[static_cast<size_t>(stats::ErrorClass::connect)];
  const std::string failed =
      c.connect_failures ? fmt::format(", {} failed to open (first: \"{}\")", c.connect_failures, why) : "";
  write_line(out, "Connections:", fmt::format("{} opened ({} asked){}, {} reconnects",
                                              c.connections, config.concurrency, failed,
                                              c.reconnects));
  out << "\n";
}

// Facts that change how the numbers above must be read; only printed when they apply.
void write_caveats(std::ostream& out, const RunResult& result) {
  const uint64_t unfinished = result.totals.counters.unfinished;
  if (unfinished > 0) {
    fmt::print(out, "Unfinished: {} requests in flight at the deadline (not counted)\n",
               unfinished);
  }
  if (result.interrupted) out << "Interrupted: report covers the run until Ctrl-C\n";
  if (unfinished > 0 || result.interrupted) out << "\n";
}

void write_distribution(std::ostream& out, const Histogram& h, const SecondsFormat& secs) {
  out << "Response time distribution:\n";
  if (h.count() == 0) {
    out << "  (no responses)\n\n";
    return;
  }
  for (double p : distribution_percentiles) {
    fmt::print(out, "  {:.2f}% in {} secs\n", p, secs(static_cast<double>(h.percentile(p))));
  }
  out << "\n";
}

struct Bar {
  double upper_ns;
  uint64_t count;
};

// Geometric edges between fastest and slowest, so one slow outlier stretches the scale by a
// few lines instead of squeezing every other response into the first one. Counts come from
// the histogram's own buckets (placed by their lowest value), so they add up to count().
std::vector<Bar> histogram_bars(const Histogram& h) {
  const double lo = static_cast<double>(std::max<uint64_t>(h.min(), 1));
  const double hi = static_cast<double>(h.max());
  if (hi <= lo) return {Bar{hi, h.count()}};  // a single distinct value: a single line
  std::vector<Bar> bars(histogram_lines, Bar{0, 0});
  const double ratio = std::pow(hi / lo, 1.0 / histogram_lines);
  for (int i = 0; i < histogram_lines; ++i) bars[i].upper_ns = lo * std::pow(ratio, i + 1);
  bars.back().upper_ns = hi;  // exact, whatever pow rounded to
  h.for_each_bucket([&](uint64_t lowest, uint64_t, uint64_t n) {
    auto it = std::lower_bound(bars.begin(), bars.end(), static_cast<double>(lowest),
                               [](const Bar& b, double v) { return b.upper_ns < v; });
    (it == bars.end() ? bars.back() : *it).count += n;
  });
  return bars;
}

void write_histogram(std::ostream& out, const Histogram& h, const SecondsFormat& secs) {
  out << "Response time histogram:\n";
  if (h.count() == 0) {
    out << "  (no responses)\n\n";
    return;
  }
  const std::vector<Bar> bars = histogram_bars(h);
  uint64_t largest = 0;
  for (const Bar& b : bars) largest = std::max(largest, b.count);
  const size_t width = std::to_string(largest).size();
  for (const Bar& b : bars) {
    fmt::print(out, "  {} [{:>{}}] |{}\n", secs(b.upper_ns), b.count, width,
               std::string(b.count * bar_width / largest, '#'));
  }
  out << "\n";
}

void write_status_codes(std::ostream& out, const Counters& c) {
  out << "Status code distribution:\n";
  bool any = false;
  for (int code = stats::min_status; code <= stats::max_status; ++code) {
    if (c.status_count(code) == 0) continue;
    fmt::print(out, "  [{}] {} responses\n", code, c.status_count(code));
    any = true;
  }
  if (!any) out << "  (none)\n";
  out << "\n";
}

void write_phase(std::ostream& out, const char* label, const PhaseStat& p,
                 const SecondsFormat& secs) {
  if (p.count == 0) {  // e.g. connect when every connection lasted the whole run
    fmt::print(out, "  {:<10}none\n", label);
    return;
  }
  fmt::print(out, "  {:<10}{} secs, {} secs, {} secs\n", label, secs(p.mean_ns()),
             secs(static_cast<double>(p.min_or_zero())), secs(static_cast<double>(p.max_ns)));
}

void write_details(std::ostream& out, const stats::Phases& phases, const SecondsFormat& secs) {
  out << "Details (average, fastest, slowest):\n";
  write_phase(out, "connect:", phases.connect, secs);
  write_phase(out, "write:", phases.write, secs);
  write_phase(out, "wait:", phases.wait, secs);
  write_phase(out, "read:", phases.read, secs);
}

void write_errors(std::ostream& out, const Counters& c) {
  if (c.error_total() == 0) return;
  out << "\nErrors:\n";
  for (int i = 0; i < stats::error_class_count; ++i) {
    const uint64_t n = c.errors[static_cast<size_t>(i)];
    if (n == 0) continue;
    const std::string& first = c.first_error[static_cast<size_t>(i)];
    fmt::print(out, "  [{}] {} errors", stats::name_of(static_cast<stats::ErrorClass>(i)), n);
    if (!first.empty()) fmt::print(out, " — first: \"{}\"", first);
    out << "\n";
  }
}

}  // namespace

void write_text(std::ostream& out, const Config& config, const RunResult& result) {
  const Histogram& latency = result.totals.latency;
  const SecondsFormat secs(latency.min());
  write_summary(out, config, result, secs);
  write_caveats(out, result);
  write_distribution(out, latency, secs);
  write_histogram(out, latency, secs);
  write_status_codes(out, result.totals.counters);
  write_details(out, result.totals.phases, secs);
  write_errors(out, result.totals.counters);
}

}  // namespace ringbench::report
