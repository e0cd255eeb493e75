#pragma once
// Per-worker counters of one run: plain integers owned by one worker, merged at the end.
#include <array>
#include <cstdint>
#include <string>

namespace ringbench::stats {

enum class ErrorClass : uint8_t { connect, timeout, reset, protocol, tls };
inline constexpr int error_class_count = 5;
const char* name_of(ErrorClass c);  // "connect", "timeout", "reset", "protocol", "tls"

inline constexpr int min_status = 100;
inline constexpr int max_status = 599;

struct Counters {
  uint64_t responses = 0;        // complete responses (any status)
  uint64_t unfinished = 0;       // in flight when the run stopped waiting (-z deadline, end of --drain):
                                 // not errors, not in latency or rps; their ages: WorkerStats
                                 // ::unfinished_ages
  uint64_t bytes_read = 0;       // all bytes received (headers + body + framing)
  uint64_t bytes_written = 0;    // all request bytes sent
  uint64_t body_bytes = 0;       // decoded response body bytes
  uint64_t connections = 0;      // connections successfully opened (initial + reconnects)
  uint64_t reconnects = 0;       // connections re-opened during the run after the server closed
  // Open loop (--rate) only: requests the schedule released (each ends as a response, an
  // error or unfinished), those that found no idle connection at their intended time and
  // waited in the client's queue, and the longest that queue was in any one worker.
  uint64_t scheduled = 0;
  uint64_t waited_for_connection = 0;
  uint64_t max_client_queue = 0;  // merged as the largest, not summed
  // When the schedule released its last request, ns after the clock start (the largest of
  // the workers'): a -n run's schedule ends there, not with its last response.
  uint64_t last_release_ns = 0;
  // Open loop only: the workers' loops while the clock ran: all their time, and the part spent waiting in the
  // kernel for completions. A loop that almost never waits is saturated: the client, not
  // only the server, sets the pace (summed over workers).
  uint64_t loop_ns = 0;
  uint64_t loop_wait_ns = 0;
  uint64_t connect_failures = 0; // connections that could not be opened before the clock started
                                 // (not requests: the run goes on with fewer connections)
  // HTTPS: handshakes completed (opening ones included), split by whether a saved session was
  // resumed, and the protocol version the first one negotiated ("TLSv1.3"; empty for http).
  uint64_t tls_full = 0;
  uint64_t tls_resumed = 0;
  std::string tls_version;
  std::array<uint64_t, error_class_count> errors{};
  std::array<uint64_t, max_status - min_status + 1> status{};
  // First message seen of each error class ("connect: Connection refused"); empty if none.
  std::array<std::string, error_class_count> first_error;

  uint64_t error_total() const noexcept;
  void count_status(int code) noexcept;  // codes outside 100..599 are ignored (parser rejects them)
  uint64_t status_count(int code) const noexcept;
  void count_error(ErrorClass c, const char* message_if_first);
  void merge(const Counters& other);
};

}  // namespace ringbench::stats
