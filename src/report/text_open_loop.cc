// What only an open-loop (--rate) run has to say: the service time beside the latency, the
// schedule (target vs achieved rate), how late the client itself sent, how many requests
// waited for a connection, and the one-line warning when the client could not keep up. A
// closed-loop run writes none of it, so its report stays as it was.
#include <fmt/format.h>
#include <fmt/ostream.h>

#include "quantity.h"
#include "ringbench/report/schedule_check.h"
#include "text_sections.h"

namespace ringbench::report {

namespace {

std::string ms_of(const stats::Histogram& h, double percentile) {
  return format_ms(static_cast<double>(h.percentile(percentile)));
}

std::string rate_line(const TextContext& ctx) {
  const double target = target_rate(ctx.config);
  const double achieved = achieved_rate(ctx.config, ctx.result);
  const char* what = ctx.config.stages.empty() ? "target" : "mean target of the stages";
  if (target <= 0) return fmt::format("{} 0/s, {} scheduled", what, ctx.result.totals.counters.scheduled);
  return fmt::format("{} {}/s, achieved {}/s ({:.2f}%), {} scheduled", what, format_rps_number(target),
                     format_rps_number(achieved), 100.0 * achieved / target, ctx.result.totals.counters.scheduled);
}

std::string send_lag_line(const stats::Histogram& lag) {
  if (lag.count() == 0) return "none measured (no request found an idle connection at its intended start)";
  return fmt::format("p50 {} ms, p99 {} ms, max {} ms (sent after the intended start on an idle connection)",
                     ms_of(lag, 50), ms_of(lag, 99), format_ms(static_cast<double>(lag.max())));
}

}  // namespace

void write_service_time(std::ostream& out, const TextContext& ctx) {
  const stats::Histogram& h = ctx.result.totals.service_time;
  if (!ctx.config.rate || h.count() == 0) return;
  fmt::print(out, "  service time (actual send to last byte): p50 = {} ms, p90 = {} ms, p99 = {} ms, max = {} ms\n",
             ms_of(h, 50), ms_of(h, 90), ms_of(h, 99), format_ms(static_cast<double>(h.max())));
}

void write_open_loop(std::ostream& out, const TextContext& ctx) {
  if (!ctx.config.rate) return;
  const stats::Counters& c = ctx.result.totals.counters;
  out << "Open loop (latency counts from each request's intended start):\n";
  fmt::print(out, "  {:<14}{}\n", "Rate:", rate_line(ctx));
  fmt::print(out, "  {:<14}{}\n", "Send lag:", send_lag_line(ctx.result.totals.send_lag));
  fmt::print(out, "  {:<14}{} requests waited for a free connection, largest client queue {}\n", "Waited:",
             c.waited_for_connection, c.max_client_queue);
}

void write_schedule_caveat(std::ostream& out, const TextContext& ctx) {
  const auto figures = schedule_figures(ctx.config, ctx.result);
  if (!figures || ctx.result.duration_s <= 0) return;
  const std::string why = describe(check_schedule(*figures), *figures);
  if (!why.empty()) fmt::print(out, "Behind schedule: {}\n", why);
}

}  // namespace ringbench::report
