#include "ringbench/report/progress_line.h"

#include <fmt/format.h>

#include <algorithm>

namespace ringbench::report {
namespace {

constexpr unsigned bar_width = 20;

// "[=======>            ]" for a fraction in [0, 1].
std::string bar(double fraction) {
  fraction = std::clamp(fraction, 0.0, 1.0);
  const auto filled = static_cast<unsigned>(fraction * bar_width);
  std::string b(bar_width, ' ');
  std::fill_n(b.begin(), filled, '=');
  if (filled < bar_width) b[filled] = '>';
  return "[" + b + "]";
}

std::string errors_text(const ProgressSnapshot& s) {
  static constexpr const char* names[] = {"connect", "timeout", "reset", "protocol", "tls"};
  std::string text;
  for (size_t i = 0; i < s.errors.size(); ++i) {
    if (s.errors[i] != 0) text += fmt::format(" {} {}", names[i], s.errors[i]);
  }
  return text.empty() ? "errors 0" : "errors:" + text;
}

}  // namespace

std::string progress_line(const ProgressSnapshot& s, unsigned width) {
  uint64_t errors = 0;
  for (uint64_t e : s.errors) errors += e;
  std::string head;
  if (s.requests) {
    const uint64_t done = s.responses + errors;
    head = fmt::format("{} {}/{} {:.1f}s", bar(double(done) / double(std::max<uint64_t>(1, *s.requests))), done,
                       *s.requests, s.elapsed_s);
  } else if (s.duration_s) {
    head = fmt::format("{} {:.1f}s/{:.0f}s", bar(s.elapsed_s / std::max(1e-9, *s.duration_s)), s.elapsed_s,
                       *s.duration_s);
  } else {
    head = fmt::format("{:.1f}s", s.elapsed_s);
  }
  const double average = s.elapsed_s > 0 ? double(s.responses) / s.elapsed_s : 0.0;
  std::string line = fmt::format("{}  {:.0f} req/s (avg {:.0f})  {}  open {}  in flight {}", head, s.current_rps,
                                 average, errors_text(s), s.open_connections, s.in_flight);
  if (line.size() > width) line.resize(width);
  return line;
}

}  // namespace ringbench::report
