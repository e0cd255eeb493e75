#include "ringbench/serve/stall.h"

#include <cmath>
#include <optional>

#include "ringbench/core/duration.h"
#include "ringbench/core/error.h"

namespace ringbench::serve {
namespace {

constexpr std::string_view example = " (expected AFTER:LENGTH, e.g. 2s:1s or 1500ms:500ms)";

// One half of AFTER:LENGTH in ns; read_duration_ns rather than parse_duration because AFTER
// may be 0 and the message must say which half is wrong.
Nanos read_part(std::string_view part, std::string_view name, std::string_view whole) {
  const std::optional<double> ns = read_duration_ns(part, BareNumber::seconds);
  if (!ns) {
    throw_usage("--stall: " + std::string(name) + " '" + std::string(part) + "' in '" + std::string(whole) +
                "' is not a duration" + std::string(example));
  }
  return Nanos(static_cast<int64_t>(std::llround(*ns)));
}

}  // namespace

Stall parse_stall(std::string_view text) {
  const size_t colon = text.find(':');
  if (colon == std::string_view::npos || text.find(':', colon + 1) != std::string_view::npos) {
    throw_usage("--stall: invalid value '" + std::string(text) + "'" + std::string(example));
  }
  Stall s;
  s.after = read_part(text.substr(0, colon), "AFTER", text);
  s.length = read_part(text.substr(colon + 1), "LENGTH", text);
  if (s.length.count() < 1) {
    throw_usage("--stall: LENGTH must be more than 0 in '" + std::string(text) + "'" + std::string(example));
  }
  return s;
}

std::string describe_stall(const Stall& stall) {
  const std::string after = stall.after.count() > 0 ? format_duration(stall.after) + " after" : "at";
  return format_duration(stall.length) + " stall " + after + " the first request";
}

}  // namespace ringbench::serve
