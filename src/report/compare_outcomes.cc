#include "compare_outcomes.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <string_view>

#include "quantity.h"
#include "ringbench/core/error.h"
#include "status_reason.h"

namespace ringbench::report {

namespace {

using json = nlohmann::ordered_json;

// Float noise must not turn "exactly +0.1 points" into a regression against a 0.1-point limit.
constexpr double tolerance = 1e-9;
// Codes named after a non-2xx line: enough to say what changed, short enough for one line.
constexpr size_t named_codes = 3;

std::map<int, uint64_t> codes_of(const json& doc, const char* which) {
  const auto bad = [&](const std::string& why) {
    throw_usage(fmt::format("compare: the {} document's status_codes {}", which, why));
  };
  if (!doc.contains("status_codes") || !doc.at("status_codes").is_object()) bad("is missing");
  std::map<int, uint64_t> codes;
  for (const auto& [key, count] : doc.at("status_codes").items()) {
    int code = 0;
    const auto [end, ec] = std::from_chars(key.data(), key.data() + key.size(), code);
    if (ec != std::errc{} || end != key.data() + key.size() || code < stats::min_status ||
        code > stats::max_status) {
      bad(fmt::format("has a key '{}' that is not a status code", key));
    }
    if (!count.is_number_unsigned()) bad(fmt::format("has a count for {} that is not a count", key));
    codes[code] = count.get<uint64_t>();
  }
  return codes;
}

uint64_t sum_in(const std::map<int, uint64_t>& codes, int first, int last) {
  uint64_t n = 0;
  for (auto it = codes.lower_bound(first); it != codes.end() && it->first <= last; ++it) n += it->second;
  return n;
}

std::string points(double fraction) { return fmt::format("{:+.2f} points", fraction * 100.0); }

std::string limit_points(double limit) { return fmt::format("limit +{:g} points", limit * 100.0); }

std::string code_name(int code) {
  const std::string_view phrase = reason_phrase(code);
  return phrase.empty() ? std::to_string(code) : fmt::format("{} {}", code, phrase);
}

// "404 Not Found 0.00% -> 100.00%, 503 Service Unavailable 0.00% -> 2.00%": the non-2xx codes
// in first..last whose share grew, the largest growth first.
std::string grown_codes(const StatusMix& base, const StatusMix& current, int first, int last) {
  struct Grown {
    int code;
    double before, after;
  };
  std::vector<Grown> grown;
  for (int code = first; code <= last; ++code) {
    if (code / 100 == 2) continue;
    const auto count = [code](const StatusMix& m) {
      const auto it = m.codes.find(code);
      return it == m.codes.end() ? uint64_t{0} : it->second;
    };
    const double before = base.share(count(base)), after = current.share(count(current));
    if (after > before) grown.push_back({code, before, after});
  }
  std::stable_sort(grown.begin(), grown.end(), [](const Grown& a, const Grown& b) {
    return a.after - a.before > b.after - b.before;
  });
  std::vector<std::string> parts;
  for (size_t i = 0; i < grown.size() && i < named_codes; ++i) {
    parts.push_back(fmt::format("{} {} -> {}", code_name(grown[i].code), format_rate(grown[i].before),
                                format_rate(grown[i].after)));
  }
  if (grown.size() > named_codes) parts.push_back(fmt::format("{} more", grown.size() - named_codes));
  return fmt::format("{}", fmt::join(parts, ", "));
}

std::string with_codes(std::string line, const std::string& codes) {
  return codes.empty() ? line : line + ": " + codes;
}

}  // namespace

uint64_t StatusMix::in_class(int hundred) const {
  return sum_in(codes, hundred * 100, hundred * 100 + 99);
}

double StatusMix::share(uint64_t n) const {
  return counts.requests == 0 ? 0.0 : double(n) / double(counts.requests);
}

StatusMix status_mix_of(const json& doc, const char* which) {
  StatusMix mix;
  mix.codes = codes_of(doc, which);
  stats::OutcomeCounts& c = mix.counts;
  c.responses = doc.at("summary").at("responses").get<uint64_t>();
  c.transport_errors = doc.at("summary").at("errors").get<uint64_t>();
  c.requests = c.responses + c.transport_errors;  // as stats::outcome_counts_of counts them
  const uint64_t ok = mix.in_class(2);
  if (ok > c.responses) {
    throw_usage(fmt::format("compare: the {} document's status_codes count {} 2xx responses of {}",
                            which, ok, c.responses));
  }
  // As outcome_counts_of: a response whose code was not recorded is never taken for a 2xx.
  c.non2xx = c.responses - ok;
  c.redirects = mix.in_class(3);
  c.client_errors = mix.in_class(4);
  c.server_errors = mix.in_class(5);
  return mix;
}

std::vector<std::string> non2xx_regressions(const StatusMix& base, const StatusMix& current,
                                            double limit) {
  const double before = base.counts.non2xx_rate(), after = current.counts.non2xx_rate();
  if (after - before > limit + tolerance) {
    return {with_codes(fmt::format("non-2xx rate {} -> {} ({}, {})", format_rate(before),
                                   format_rate(after), points(after - before), limit_points(limit)),
                       grown_codes(base, current, stats::min_status, stats::max_status))};
  }
  std::vector<std::string> lines;
  for (int hundred : {1, 3, 4, 5}) {
    const double was = base.share(base.in_class(hundred));
    const double is = current.share(current.in_class(hundred));
    if (is - was <= limit + tolerance) continue;
    lines.push_back(with_codes(
        fmt::format("{}xx rate {} -> {} ({}, {}; non-2xx rate {} -> {})", hundred, format_rate(was),
                    format_rate(is), points(is - was), limit_points(limit), format_rate(before),
                    format_rate(after)),
        grown_codes(base, current, hundred * 100, hundred * 100 + 99)));
  }
  return lines;
}

}  // namespace ringbench::report
