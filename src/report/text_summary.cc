// The hey-style sections of the text report: Summary, caveats, Details and Errors.
// Byte counts are scaled here (exact in the JSON); rates of failure are stats::OutcomeCounts'.
#include <fmt/format.h>
#include <fmt/ostream.h>

#include <cmath>
#include <string>

#include "byte_size.h"
#include "printable.h"
#include "quantity.h"
#include "ringbench/stats/outcome_rates.h"
#include "ringbench/core/duration.h"
#include "ringbench/report/run_context.h"
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
  // A connection fails to open at its TCP connect or, for https, at its TLS handshake.
  const std::string& connect_why = c.first_error[static_cast<size_t>(stats::ErrorClass::connect)];
  const std::string& why =
      connect_why.empty() ? c.first_error[static_cast<size_t>(stats::ErrorClass::tls)] : connect_why;
  const std::string failed =
      c.connect_failures ? fmt::format(", {} failed to open (first: \"{}\")", c.connect_failures,
                                       printable(why, ctx.style()))
                         : "";
  // Reconnects per second is the connection-setup rate (--disable-keepalive: one per request);
  // the opening time, when known, is the initial -c connections'.
  const std::string rate =
      c.reconnects ? fmt::format(" ({}/s)", format_rps_number(ctx.result.connections_per_s())) : "";
  const std::string opening = ctx.result.open_s > 0 ? fmt::format("; opening took {:.2f} s", ctx.result.open_s) : "";
  const std::string pipelined =
      ctx.config.pipeline > 1 ? fmt::format(", up to {} requests pipelined on each", ctx.config.pipeline) : "";
  return fmt::format("{} opened ({} asked){}, {} reconnects{}{}{}", c.connections, ctx.config.concurrency, failed,
                     c.reconnects, rate, opening, pipelined);
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

// Reconnects refused or timed out: when it started says more than how many (connections
// back off up to 1 s between tries, so the count mostly measures the backoff).
void write_server_gone(std::ostream& out, const TextContext& ctx) {
  const Counters& c = ctx.result.totals.counters;
  if (const auto from = ctx.result.connect_errors_from_s) {
    const std::string& first = c.first_error[static_cast<size_t>(stats::ErrorClass::connect)];
    fmt::print(out, "Connect errors: from {:.2f} s into the run (first: \"{}\"): the server went away or stopped "
               "accepting connections\n", *from, printable(first, ctx.style()));
  }
  const uint64_t asked = ctx.config.requests.value_or(0);
  if (!ctx.result.interrupted && ctx.result.requests() < asked) {
    fmt::print(out, "Not sent: {} of the {} requests: no connection was left to send them on\n",
               asked - ctx.result.requests(), asked);
  }
}

}  // namespace

namespace {

// "2004 (2000 responses, 4 errors)": what was asked for and how it ended; unfinished requests
// are neither and have their own line.
std::string requests_of(const stats::OutcomeCounts& o) {
  return fmt::format("{} ({} responses, {} errors)", o.requests, o.responses, o.transport_errors);
}

// The latency lines need at least one response; "0.0000 secs" would read as a measurement.
void write_latency_lines(std::ostream& out, const TextContext& ctx) {
  const stats::Histogram& h = ctx.latency();
  if (h.count() == 0) {
    write_line(out, "Latency:", "no responses");
    return;
  }
  write_line(out, "Slowest:", ctx.secs(static_cast<double>(h.max())) + " secs");
  write_line(out, "Fastest:", ctx.secs(static_cast<double>(h.min())) + " secs");
  write_line(out, "Average:", ctx.secs(h.mean()) + " secs");
}

// --start-at: when the clock was asked to start and whether it did. A late start (opening the
// connections took longer than there was time for) breaks the alignment with other clients.
std::string start_of(const TextContext& ctx) {
  const std::string asked = utc_timestamp(*ctx.config.start_at) + " (--start-at)";
  const double late_s = ctx.result.start_late_s.value_or(0);
  if (!ctx.result.start_late_s) return asked + ", not reached";
  const std::string after = fmt::format(", the clock started {:.2f} ms after it", late_s * 1e3);
  return late_s < 0.001 ? asked + after : asked + after + ": the connections took longer to open";
}

void write_volume_lines(std::ostream& out, const Counters& c, double duration_s) {
  write_line(out, "Total data:", format_bytes(c.body_bytes));
  write_line(out, "Size/request:",
             c.responses ? format_bytes(c.body_bytes / c.responses) : "no responses");
  write_line(out, "Bytes:", fmt::format("read {}, written {}", format_bytes(c.bytes_read),
                                        format_bytes(c.bytes_written)));
  if (duration_s > 0) {
    const auto per_second = [&](uint64_t bytes) {
      return format_bytes_per_second(static_cast<double>(bytes) / duration_s);
    };
    write_line(out, "Transfer/sec:",
               fmt::format("read {}, written {}", per_second(c.bytes_read),
                           per_second(c.bytes_written)));
  }
}

}  // namespace

void write_summary(std::ostream& out, const TextContext& ctx) {
  const Counters& c = ctx.result.totals.counters;
  const stats::OutcomeCounts outcomes = stats::outcome_counts_of(c);
  const double duration_s = finite_or_zero(ctx.result.duration_s);
  out << "Summary:\n";
  if (!ctx.options.label.empty()) write_line(out, "Label:", printable(ctx.options.label, ctx.style()));
  if (ctx.config.start_at) write_line(out, "Start:", start_of(ctx));
  // A run whose clock never started (nothing could be sent) has no duration to show.
  write_line(out, "Total:", duration_s > 0 ? fmt::format("{:.4f} secs", duration_s)
                                           : std::string("not started"));
  write_latency_lines(out, ctx);
  write_line(out, "Requests/sec:", c.responses ? format_rps_number(ctx.result.rps())
                                               : std::string("0 (no responses)"));
  write_line(out, "Requests:", requests_of(outcomes));
  if (outcomes.non2xx > 0) {
    write_line(out, "Non-2xx:", fmt::format("{} responses", outcomes.non2xx));
  }
  write_volume_lines(out, c, duration_s);
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
  write_schedule_caveat(out, ctx);
  write_server_gone(out, ctx);
}

// The request phases (stats/phases.h) tile each latency: connect + tls + queue + wait + read.
void write_details(std::ostream& out, const TextContext& ctx) {
  const stats::Phases& phases = ctx.result.totals.phases;
  const bool https = phases.handshakes.count > 0;
  out << "Details (average, fastest, slowest):\n";
  // Connections opened before the clock are not charged to a request (they open up to 256 at a
  // time, so a per-connection figure would be the batch's), only those requests waited for.
  write_phase(out, "connect:", phases.connect, ctx.secs, "none during the run (no reconnects)");
  if (https) write_phase(out, "tls:", phases.tls, ctx.secs, "none during the run (no reconnects)");
  // Open loop: intended start -> ready, time a request spent due but not yet sent.
  if (ctx.config.rate) write_phase(out, "queue:", phases.queue, ctx.secs);
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
