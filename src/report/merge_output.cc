// What a merged report adds to a run's: how many clients, each one's share, the window the
// rates are over, and what could not be merged exactly.
#include <fmt/format.h>
#include <fmt/ostream.h>

#include <chrono>

#include "ringbench/report/json_report.h"
#include "ringbench/report/merge.h"
#include "ringbench/report/run_context.h"

namespace ringbench::report {
namespace {

using json = nlohmann::ordered_json;

std::string window_end(const MergedRun& m) {
  const auto length = std::chrono::duration_cast<std::chrono::system_clock::duration>(
      std::chrono::duration<double>(m.result.duration_s));
  return utc_timestamp(m.result.started_at + length);
}

json share_json(const ClientShare& c, bool open_loop) {
  json out = {
      {"source", c.source},
      {"label", c.label ? json(*c.label) : json(nullptr)},
      {"started_at", c.started_at},
      {"offset_s", c.offset_s},  // its start after the merged window's
      {"duration_s", c.duration_s},
      {"responses", c.responses},
      {"share", c.share},  // of the merged responses
      {"rps", c.rps},      // its responses over its own window
      {"concurrency", c.concurrency},
      {"threads", c.threads},
  };
  if (open_loop) out["behind_schedule"] = c.behind_schedule;
  return out;
}

std::string shown_name(const ClientShare& c) { return c.label ? *c.label : c.source; }

}  // namespace

json merged_json(const MergedRun& m, const ReportOptions& options) {
  json doc = to_json(m.config, m.result, options);
  json& intervals = doc["intervals"];
  for (size_t i = 0; i < intervals.size() && i < m.interval_latency_exact.size(); ++i) {
    intervals[i]["latency_exact"] = bool(m.interval_latency_exact[i]);
  }
  json clients = json::array();
  for (const ClientShare& c : m.clients) clients.push_back(share_json(c, m.config.rate.has_value()));
  doc["merge"] = {
      {"clients_merged", m.clients.size()},
      // summary.duration_s and every rate are over this window: the earliest start to the latest end.
      {"window", {{"started_at", utc_timestamp(m.result.started_at)}, {"ended_at", window_end(m)},
                  {"duration_s", m.result.duration_s}}},
      {"windows_overlap", m.windows_overlap},
      {"notes", m.notes},
      {"clients", std::move(clients)},
  };
  return doc;
}

void write_merge_text(std::ostream& out, const MergedRun& m) {
  const size_t n = m.clients.size();
  fmt::print(out, "Merged {} client{}: requests/s over the union of their measured windows, {} to {} ({:.3f} s)\n", n,
             n == 1 ? "" : "s", utc_timestamp(m.result.started_at), window_end(m), m.result.duration_s);
  size_t width = 6;
  for (const ClientShare& c : m.clients) width = std::max(width, shown_name(c).size());
  fmt::print(out, "  {:<{}}  {:>9}  {:>9}  {:>11}  {:>7}  {:>11}  {:>5}{}\n", "client", width, "start", "duration",
             "responses", "share", "requests/s", "conns", m.config.rate ? "  schedule" : "");
  for (const ClientShare& c : m.clients) {
    fmt::print(out, "  {:<{}}  {:>9}  {:>9}  {:>11}  {:>6.2f}%  {:>11.1f}  {:>5}{}\n", shown_name(c), width,
               fmt::format("+{:.3f}s", c.offset_s), fmt::format("{:.3f}s", c.duration_s), c.responses,
               100.0 * c.share, c.rps, c.concurrency,
               !m.config.rate ? "" : c.behind_schedule ? "  behind" : "  kept");
  }
  for (const std::string& note : m.notes) fmt::print(out, "Note: {}\n", note);
}

}  // namespace ringbench::report
