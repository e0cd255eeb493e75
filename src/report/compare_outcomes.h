#pragma once
// compare's view of what the requests came back as: transport errors, and the status mix of
// the responses, read from a schema-1 document's counts and turned into rates by the one
// definition in stats::OutcomeCounts (each rate over all requests).
#include <nlohmann/json.hpp>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "ringbench/stats/outcome_rates.h"

namespace ringbench::report {

struct StatusMix {
  stats::OutcomeCounts counts;
  std::map<int, uint64_t> codes;  // status code -> responses, as in "status_codes"

  // Responses with a status in hundred*100 .. hundred*100+99 (hundred 1..5).
  uint64_t in_class(int hundred) const;
  // `n` over all requests; 0 when there were none.
  double share(uint64_t n) const;
};

// From summary.responses, summary.errors and status_codes. Throws Error(usage) naming `which`
// ("base", "current") when status_codes is not {"code": count} or counts more 2xx responses
// than summary.responses.
StatusMix status_mix_of(const nlohmann::ordered_json& doc, const char* which);

// The non-2xx gate, as lines (without the "regression: " prefix): the non-2xx rate rose by
// more than `limit` (absolute), or — at a steady total — one non-2xx class did (404s turned
// into 503s). Each line names the codes whose share grew. Empty when neither happened.
std::vector<std::string> non2xx_regressions(const StatusMix& base, const StatusMix& current,
                                            double limit);

}  // namespace ringbench::report
