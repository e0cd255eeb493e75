// The hey-style sections of the text report: Summary, caveats, Details and Errors.
#include <fmt/format.h>
#include <fmt/ostream.h>

#include <cmath>
#include <string>

#include "printable.h"
#include "ringbench/core/duration.h"
#include "text_sections.h"

namespace ringbench::report {

namespace {

using stats::Counters;
using stats::PhaseStat;

// A run that ended before its clock started has no meaningful duration; print 0, not nan.
double finite_or_zero(double x) { return std::isfinite(x) && x > 0 ? x : 0.0; }

void write_line(std::ostream& out, const char* label, const std::string& value) {
  fmt::print(out, "  {:<14}{}\n", label, value);
}

// Failures to open are only mentioned when there were some: they explain opened < asked.
std::string connections_of(const TextContext& ctx) {
  const Counters& c = ctx.result.totals.counters;
  const std::string& why = c.first_error[static_cast<size_t>(stats::ErrorClass::connect)];
  const std::string failed =
      c.connect_failures ? fmt::format(", {} failed to open (first: \"{}\")", c.connect_failures,
                                       printable(why, ctx.style()))
                         : "";
  return fmt::format("{} opened ({} asked){}, {} reconnects", c.connections,
                     ctx.config.concurrency, failed, c.reconnects);
}

void write_phase(std::ostream& out, const char* label, const PhaseStat& p,
                 const SecondsFormat& secs, const char* when_empty = "none") {
  if (p.count == 0) {
    fmt::print(out, "  {:<12}{}\n", label, when_empty);
    return;
  }
  fmt::print(out, "  {:<12}{} secs, {} secs, {} secs\n", label, secs(p.mean_ns()),
             secs(static_cast<double>(p.min_or_zero())), secs(static_cast<double>(p.max_ns)));
}

}  // namespace

void write_summary(std::ostream& out, const TextContext& ctx) {
  const stats::Histogram& h = ctx.latency();
  const Counters& c = ctx.result.totals.counters;
  const uint64_t size_per_request = c.responses ? c.body_bytes / c.responses : 0;
  out << "Summary:\n";
  write_line(out, "Total:", fmt::format("{:.4f} secs", finite_or_zero(ctx.result.duration_s)));
  write_line(out, "Slowest:", ctx.secs(static_cast<double>(h.max())) + " secs");
  write_line(out, "Fastest:", ctx.secs(static_cast<double>(h.min())) + " secs");
  write_line(out, "Average:", ctx.secs(h.mean()) + " secs");
  write_line(out, "Requests/sec:", fmt::format("{:.4f}", finite_or_zero(ctx.result.rps())));
  write_line(out, "Total data:", fmt::format("{} bytes", c.body_bytes));
  write_line(out, "Size/request:", fmt::format("{} bytes", size_per_request));
  write_line(out, "Bytes:", fmt::format("read {}, written {}", c.bytes_read, c.bytes_written));
  write_line(out, "Connections:", connections_of(ctx));
  if (c.tls_full + c.tls_resumed > 0) {
    write_line(out, "TLS:", fmt::format("{}, {} handshakes: {} full, {} resumed", c.tls_version,
                                        c.tls_full + c.tls_resumed, c.tls_full, c.tls_resumed));
  }
}

// When the run stopped waiting for the requests it had sent.
std::string end_of_wait(const TextContext& ctx) {
  if (ctx.result.interrupted) return "when the run was interrupted";
  if (ctx.config.drain.count() > 0) return "after the " + format_duration(ctx.config.drain) + " drain";
  return "at the deadline";
}

// Facts that change how the numbers must be read; only printed when they apply.
void write_caveats(std::ostream& out, const TextContext& ctx) {
  const stats::UnfinishedAges& ages = ctx.result.totals.unfinished_ages;
  if (ages.count() > 0) {
    fmt::print(out, "Unfinished: {} in flight {}, oldest {} secs (not in any latency figure)\n",
               ages.count(), end_of_wait(ctx), ctx.secs(static_cast<double>(ages.max_ns())));
  }
  if (ctx.result.interrupted) out << "Interrupted: report covers the run until Ctrl-C\n";
}

// The request phases (stats/phases.h) tile each latency: connect + tls + wait + read.
void write_details(std::ostream& out, const TextContext& ctx) {
  const stats::Phases& phases = ctx.result.totals.phases;
  const bool https = phases.handshakes.count > 0;
  out << "Details (average, fastest, slowest):\n";
  // Connections opened before the clock are not charged to a request (they open up to 256 at a
  // time, so a per-connection figure would be the batch's), only those requests waited for.
  write_phase(out, "connect:", phases.connect, ctx.secs, "none during the run (no reconnects)");
  if (https) write_phase(out, "tls:", phases.tls, ctx.secs, "none during the run (no reconnects)");
  write_phase(out, "wait:", phases.wait, ctx.secs);
  write_phase(out, "read:", phases.read, ctx.secs);
  // Not a request phase: every handshake, the opening ones included.
  if (https) write_phase(out, "handshakes:", phases.handshakes, ctx.secs);
}

void write_errors(std::ostream& out, const TextContext& ctx) {
  const Counters& c = ctx.result.totals.counters;
  if (c.error_total() == 0) return;
  out << "Errors:\n";
  const char* dash = ctx.style().unicode ? "—" : "-";
  for (int i = 0; i < stats::error_class_count; ++i) {
    const uint64_t n = c.errors[static_cast<size_t>(i)];
    if (n == 0) continue;
    const std::string& first = c.first_error[static_cast<size_t>(i)];
    fmt::print(out, "  [{}] {} errors", stats::name_of(static_cast<stats::ErrorClass>(i)), n);
    if (!first.empty()) fmt::print(out, " {} first: \"{}\"", dash, printable(first, ctx.style()));
    out << "\n";
  }
}

}  // namespace ringbench::report
