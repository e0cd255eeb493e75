#include "ringbench/sweep/concurrency_spec.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <string>

#include "figure_format.h"
#include "ringbench/core/error.h"

namespace ringbench::sweep {

namespace {

constexpr std::string_view expected_forms = "expected auto, a,b,c, LO..HI:log=N or LO..HI:step=S";

[[noreturn]] void bad_spec(std::string_view spec, std::string_view why) {
  throw_usage("--conc: invalid spec '" + std::string(spec) + "': " + std::string(why) + " (" +
              std::string(expected_forms) + ")");
}

// Digits only (no sign, space or exponent), the whole text. `what` names the number in errors.
uint64_t parse_count(std::string_view spec, std::string_view text, std::string_view what) {
  if (text.empty() || text.find_first_not_of("0123456789") != std::string_view::npos) {
    bad_spec(spec, std::string(what) + " '" + std::string(text) + "' is not a whole number");
  }
  uint64_t value = 0;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size() || value > max_level_connections) {
    bad_spec(spec, std::string(what) + " " + std::string(text) + " is too large (limit " +
                       grouped(max_level_connections) + ")");
  }
  return value;
}

uint32_t parse_level(std::string_view spec, std::string_view text, std::string_view what) {
  const uint64_t level = parse_count(spec, text, what);
  if (level == 0) bad_spec(spec, std::string(what) + " must be at least 1 connection");
  return static_cast<uint32_t>(level);
}

// n levels from lo to hi evenly spaced on a log scale, rounded, ascending, de-duplicated.
std::vector<uint32_t> log_spaced(uint32_t lo, uint32_t hi, size_t n) {
  std::vector<uint32_t> levels;
  const double lo_log = std::log(double(lo)), hi_log = std::log(double(hi));
  for (size_t i = 0; i < n; ++i) {
    const double at = lo_log + (hi_log - lo_log) * double(i) / double(n - 1);
    levels.push_back(std::max<uint32_t>(1, static_cast<uint32_t>(std::lround(std::exp(at)))));
  }
  levels.front() = lo;  // exp(log(x)) may round-trip to x ± 1 ulp; the ends are exact by definition
  levels.back() = hi;
  levels.erase(std::unique(levels.begin(), levels.end()), levels.end());
  return levels;
}

void check_count(std::string_view spec, size_t count) {
  if (count > max_level_count) {
    bad_spec(spec, "it gives " + std::to_string(count) + " levels, at most " +
                       std::to_string(max_level_count) + " are allowed");
  }
}

// "LO..HI:log=N" or "LO..HI:step=S"; `dots` is where ".." starts.
std::vector<uint32_t> parse_range(std::string_view spec, size_t dots) {
  const size_t colon = spec.find(':', dots);
  if (colon == std::string_view::npos) bad_spec(spec, "a range needs :log=N or :step=S");
  const uint32_t lo = parse_level(spec, spec.substr(0, dots), "LO");
  const uint32_t hi = parse_level(spec, spec.substr(dots + 2, colon - dots - 2), "HI");
  if (lo > hi) bad_spec(spec, "LO is above HI");
  const std::string_view option = spec.substr(colon + 1);
  if (option.starts_with("log=")) {
    const uint64_t n = parse_count(spec, option.substr(4), "N");
    if (n < 2) bad_spec(spec, "log=N needs N of at least 2");
    check_count(spec, n);
    return log_spaced(lo, hi, n);
  }
  if (option.starts_with("step=")) {
    const uint64_t step = parse_count(spec, option.substr(5), "S");
    if (step < 1) bad_spec(spec, "step=S needs S of at least 1");
    check_count(spec, (hi - lo) / step + 1);
    std::vector<uint32_t> levels;
    for (uint64_t c = lo; c <= hi; c += step) levels.push_back(static_cast<uint32_t>(c));
    return levels;
  }
  bad_spec(spec, "the range option must be log=N or step=S");
}

std::vector<uint32_t> parse_list(std::string_view spec) {
  std::vector<uint32_t> levels;
  size_t start = 0;
  while (true) {
    const size_t comma = spec.find(',', start);
    const std::string_view item = spec.substr(start, comma - start);
    if (item.empty()) bad_spec(spec, "empty level in the list");
    levels.push_back(parse_level(spec, item, "level"));
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  std::sort(levels.begin(), levels.end());
  levels.erase(std::unique(levels.begin(), levels.end()), levels.end());
  check_count(spec, levels.size());
  return levels;
}

}  // namespace

std::vector<uint32_t> parse_concurrency_spec(std::string_view spec) {
  if (spec.empty()) bad_spec(spec, "it is empty");
  if (spec == "auto") return {};  // adaptive: knee_search.h chooses the levels as it measures
  const size_t dots = spec.find("..");
  if (dots != std::string_view::npos) return parse_range(spec, dots);
  return parse_list(spec);
}

std::vector<uint32_t> refine_levels(uint32_t winner, const std::vector<uint32_t>& measured) {
  const auto bound = [](double c) {
    return static_cast<uint32_t>(std::clamp<double>(std::round(c), 1, max_level_connections));
  };
  std::vector<uint32_t> levels = log_spaced(bound(0.5 * winner), bound(1.5 * winner), 4);
  std::erase_if(levels, [&measured](uint32_t c) {
    return std::find(measured.begin(), measured.end(), c) != measured.end();
  });
  return levels;
}

}  // namespace ringbench::sweep
