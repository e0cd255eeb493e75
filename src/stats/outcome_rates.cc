#include "ringbench/stats/outcome_rates.h"

namespace ringbench::stats {

namespace {

uint64_t responses_in(const Counters& c, int first, int last) noexcept {
  uint64_t n = 0;
  for (int code = first; code <= last; ++code) n += c.status_count(code);
  return n;
}

}  // namespace

OutcomeCounts outcome_counts_of(const Counters& c) noexcept {
  OutcomeCounts o;
  o.responses = c.responses;
  o.transport_errors = c.error_total();
  o.requests = o.responses + o.transport_errors;
  // Derived from the responses count rather than summed over 1xx/3xx/4xx/5xx, so a response
  // whose status was not recorded per code can never be taken for a 2xx.
  o.non2xx = c.responses - responses_in(c, 200, 299);
  o.redirects = responses_in(c, 300, 399);
  o.client_errors = responses_in(c, 400, 499);
  o.server_errors = responses_in(c, 500, 599);
  return o;
}

}  // namespace ringbench::stats
