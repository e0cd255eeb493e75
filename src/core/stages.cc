#include "ringbench/core/stages.h"

#include <charconv>
#include <cmath>

#include "ringbench/core/duration.h"
#include "ringbench/core/error.h"

namespace ringbench {
namespace {

bool plain_decimal(std::string_view s) {
  bool digits = false, dot = false;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] >= '0' && s[i] <= '9') {
      digits = true;
    } else if (s[i] == '.' && !dot && digits && i + 1 < s.size()) {
      dot = true;
    } else {
      return false;
    }
  }
  return digits;
}

// A target as printed: whole numbers without a fraction, others with as many digits as needed.
std::string format_target(double v) {
  char buf[32];
  const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  return ec == std::errc() ? std::string(buf, end) : std::to_string(v);
}

// The largest unit that states the duration exactly, so the printed form reads back the same.
std::string exact_duration(Nanos d) {
  const int64_t ns = d.count();
  if (ns % 1'000'000'000 == 0) return std::to_string(ns / 1'000'000'000) + "s";
  if (ns % 1'000'000 == 0) return std::to_string(ns / 1'000'000) + "ms";
  if (ns % 1'000 == 0) return std::to_string(ns / 1'000) + "us";
  return std::to_string(ns) + "ns";
}

}  // namespace

std::optional<double> read_scaled_number(std::string_view text) {
  double scale = 1;
  if (!text.empty() && (text.back() == 'k' || text.back() == 'M')) {
    scale = text.back() == 'k' ? 1e3 : 1e6;
    text.remove_suffix(1);
  }
  if (!plain_decimal(text)) return std::nullopt;
  double v = 0;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || ptr != text.data() + text.size()) return std::nullopt;
  const double scaled = v * scale;
  if (!std::isfinite(scaled) || scaled > 1e15) return std::nullopt;
  return scaled;
}

std::vector<Stage> parse_stages(std::string_view text, std::string_view what) {
  std::vector<Stage> stages;
  const std::string label(what);
  double total_ns = 0;  // their sum is a run's duration: bounded like one
  while (true) {
    const size_t comma = text.find(',');
    const std::string_view item = text.substr(0, comma);
    const size_t colon = item.find(':');
    if (colon == std::string_view::npos) {
      throw_usage(label + ": '" + std::string(item) + "' is not DURATION:TARGET (e.g. 10s:1000)");
    }
    const std::optional<double> ns = read_duration_ns(item.substr(0, colon), BareNumber::seconds);
    const std::optional<double> target = read_scaled_number(item.substr(colon + 1));
    if (!ns || *ns < 1) throw_usage(label + ": '" + std::string(item.substr(0, colon)) + "' is not a duration above 0");
    total_ns += *ns;
    if (total_ns > 1e18) throw_usage(label + ": the stages last longer than 31 years in all");
    if (!target) throw_usage(label + ": '" + std::string(item.substr(colon + 1)) + "' is not a target (e.g. 500, 20k, 1.5M)");
    stages.push_back({Nanos(std::llround(*ns)), *target});
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
  }
  return stages;
}

std::string format_stages(const std::vector<Stage>& stages) {
  std::string out;
  for (const Stage& s : stages) {
    if (!out.empty()) out += ',';
    out += exact_duration(s.duration) + ':' + format_target(s.target);
  }
  return out;
}

double stages_mean_level(double start, const std::vector<Stage>& stages) {
  const double total_ns = double(stages_duration(stages).count());
  if (total_ns <= 0) return start;
  double integral = 0, from = start;
  for (const Stage& s : stages) {
    integral += (from + s.target) / 2 * double(s.duration.count());
    from = s.target;
  }
  return integral / total_ns;
}

Nanos stages_duration(const std::vector<Stage>& stages) {
  Nanos total{0};
  for (const Stage& s : stages) total += s.duration;
  return total;
}

}  // namespace ringbench
