#pragma once
// The one definition of a run's failure rates. Every figure that says "error rate" —
// thresholds, insights, compare, sweep's disqualification, JSON — takes it from here.
//
// Each rate is over all requests (complete responses + transport errors), so the parts add up:
//   error_rate   transport errors (connect, timeout, reset, protocol, tls) / requests
//   non2xx_rate  complete responses whose status is not 2xx (1xx, 3xx, 4xx, 5xx) / requests
//   failed_rate  (transport errors + 4xx + 5xx responses) / requests
// A 3xx is an answer, not a failure: it is in non2xx_rate but not in failed_rate (a user who
// wants redirects treated as failures gates on non2xx_rate).
#include <cstdint>

#include "ringbench/stats/counters.h"

namespace ringbench::stats {

struct OutcomeCounts {
  uint64_t requests = 0;          // responses + transport errors
  uint64_t responses = 0;         // complete responses, any status
  uint64_t transport_errors = 0;  // every ErrorClass
  uint64_t non2xx = 0;            // responses with a status outside 200..299
  uint64_t client_errors = 0;     // 4xx responses
  uint64_t server_errors = 0;     // 5xx responses
  uint64_t redirects = 0;         // 3xx responses

  uint64_t failed() const noexcept { return transport_errors + client_errors + server_errors; }
  // The three rates; 0 when there were no requests at all.
  double error_rate() const noexcept { return ratio(transport_errors); }
  double non2xx_rate() const noexcept { return ratio(non2xx); }
  double failed_rate() const noexcept { return ratio(failed()); }

 private:
  double ratio(uint64_t part) const noexcept { return requests == 0 ? 0.0 : double(part) / double(requests); }
};

OutcomeCounts outcome_counts_of(const Counters& counters) noexcept;

}  // namespace ringbench::stats
