#include "ringbench/stats/counters.h"

#include <algorithm>
#include <numeric>

namespace ringbench::stats {

const char* name_of(ErrorClass c) {
  switch (c) {
    case ErrorClass::connect: return "connect";
    case ErrorClass::timeout: return "timeout";
    case ErrorClass::reset: return "reset";
    case ErrorClass::protocol: return "protocol";
    case ErrorClass::tls: return "tls";
  }
  return "unknown";  // only reachable with a value cast from outside the enum
}

uint64_t Counters::error_total() const noexcept {
  return std::accumulate(errors.begin(), errors.end(), uint64_t{0});
}

void Counters::count_status(int code) noexcept {
  if (code < min_status || code > max_status) return;
  ++status[static_cast<size_t>(code - min_status)];
}

uint64_t Counters::status_count(int code) const noexcept {
  if (code < min_status || code > max_status) return 0;
  return status[static_cast<size_t>(code - min_status)];
}

void Counters::count_error(ErrorClass c, const char* message_if_first) {
  const auto i = static_cast<size_t>(c);
  ++errors[i];
  // Only the first message per class is kept: it allocates once, not per failing request.
  if (first_error[i].empty() && message_if_first != nullptr) first_error[i] = message_if_first;
}

void Counters::merge(const Counters& other) {
  responses += other.responses;
  unfinished += other.unfinished;
  bytes_read += other.bytes_read;
  bytes_written += other.bytes_written;
  body_bytes += other.body_bytes;
  connections += other.connections;
  reconnects += other.reconnects;
  connect_failures += other.connect_failures;
  scheduled += other.scheduled;
  waited_for_connection += other.waited_for_connection;
  max_client_queue = std::max(max_client_queue, other.max_client_queue);
  last_release_ns = std::max(last_release_ns, other.last_release_ns);
  loop_ns += other.loop_ns;
  loop_wait_ns += other.loop_wait_ns;
  tls_full += other.tls_full;
  tls_resumed += other.tls_resumed;
  if (tls_version.empty()) tls_version = other.tls_version;
  for (size_t i = 0; i < errors.size(); ++i) errors[i] += other.errors[i];
  for (size_t i = 0; i < status.size(); ++i) status[i] += other.status[i];
  for (size_t i = 0; i < first_error.size(); ++i) {
    if (first_error[i].empty()) first_error[i] = other.first_error[i];
  }
}

}  // namespace ringbench::stats
