#include "run_display.h"

#include <sys/ioctl.h>
#include <unistd.h>

#include <fmt/format.h>

#include <cstdio>
#include <string>

#include "ringbench/core/clock.h"
#include "ringbench/report/json_report.h"
#include "ringbench/report/progress_line.h"

namespace ringbench::cli {
namespace {

unsigned terminal_width() {
  winsize w{};
  if (ioctl(STDERR_FILENO, TIOCGWINSZ, &w) == 0 && w.ws_col > 10) return w.ws_col - 1;
  return 100;
}

}  // namespace

RunDisplay::RunDisplay(const Config& config, bool progress, std::ostream* ndjson)
    : requests_(config.requests), progress_(progress), ndjson_(ndjson) {
  if (config.duration) duration_s_ = double(config.duration->count()) / 1e9;
}

RunDisplay::~RunDisplay() { clear(); }

void RunDisplay::on_tick(const engine::LiveCounters& live) {
  const uint64_t start = live.clock_start_ns.load(std::memory_order_relaxed);
  if (!progress_ || start == 0) return;  // connections still opening
  const uint64_t now = monotonic_ns();
  if (now < start) {  // warming up (--warmup): nothing is counted yet
    draw(fmt::format("warming up: the clock starts in {:.1f} s", double(start - now) / 1e9));
    return;
  }
  report::ProgressSnapshot s;
  s.elapsed_s = double(now - start) / 1e9;
  s.duration_s = duration_s_;
  s.requests = requests_;
  s.responses = live.responses.load(std::memory_order_relaxed);
  for (size_t e = 0; e < s.errors.size(); ++e) s.errors[e] = live.errors[e].load(std::memory_order_relaxed);
  const uint64_t since = last_tick_ns_ ? last_tick_ns_ : start;
  s.current_rps = now > since ? double(s.responses - last_responses_) * 1e9 / double(now - since) : 0.0;
  s.open_connections = live.open_connections.load(std::memory_order_relaxed);
  s.in_flight = live.in_flight.load(std::memory_order_relaxed);
  last_tick_ns_ = now;
  last_responses_ = s.responses;
  draw(report::progress_line(s, terminal_width()));
}

// Redrawn in place: carriage return, the line, and spaces over what a longer line left.
void RunDisplay::draw(const std::string& line) {
  const size_t pad = drawn_width_ > line.size() ? drawn_width_ - line.size() : 0;
  std::fprintf(stderr, "\r%s%*s", line.c_str(), int(pad), "");
  std::fflush(stderr);
  drawn_width_ = line.size();
}

void RunDisplay::on_interval(const stats::IntervalSummary& interval) {
  if (ndjson_ == nullptr) return;
  *ndjson_ << report::interval_json(interval).dump() << '\n';
  ndjson_->flush();  // a consumer sees each second as it ends
}

void RunDisplay::clear() {
  if (drawn_width_ == 0) return;
  std::fprintf(stderr, "\r%*s\r", int(drawn_width_), "");
  std::fflush(stderr);
  drawn_width_ = 0;
}

}  // namespace ringbench::cli
