#pragma once
// The per-connection state a worker keeps: a small struct, no receive buffer of its own
// (bytes arrive in the worker's provided buffers and are parsed in place). Its state changes
// only through ConnectionTable::set_state, which keeps the worker's counters.
#include <cstdint>

#include "ringbench/http/response_parser.h"

namespace ringbench::engine {

enum class ConnState : uint8_t {
  dead,         // holds no usable socket: never opened, given up on, or retired
  backing_off,  // no socket: waits out a reconnect backoff in Worker::retries_
  connecting,   // socket + connect chain in flight
  handshaking,  // https: TCP connected, TLS handshake in progress (still counted as opening)
  idle,         // open, no request outstanding
  queued,       // request decided, its send goes out with the next submit
  busy,         // request sent, response not complete yet: a request in flight
};
inline constexpr size_t conn_state_count = size_t(ConnState::busy) + 1;

// A socket whose multishot recv may deliver bytes that belong to this connection.
constexpr bool receives(ConnState s) noexcept { return s >= ConnState::handshaking; }
// Open for requests: counted in the report's open connections.
constexpr bool carries_requests(ConnState s) noexcept { return s >= ConnState::idle; }

// How the current send reports back; on_send reads it instead of guessing from the offset.
enum class SendMode : uint8_t {
  unacknowledged,  // copying send with CQE_SKIP_SUCCESS: counted whole when submitted; a CQE
                   // means it failed or fell short
  acknowledged,    // copying send of the rest after a short one: its CQE counts its bytes
  zero_copy,       // SEND_ZC from the registered buffer: its CQE counts its bytes
  tls,             // the TLS session's outbound bytes (worker_tls.cc)
};

class Connection {
 public:
  ConnState state() const noexcept { return state_; }
  bool holds_request() const noexcept { return holds_request_; }

  http::ResponseParser parser;
  // The request's events (stats/phases.h). Its latency starts at request_start_ns: the start
  // of the io_uring_enter that carried its send, or, when it waited for a new connection, the
  // connect's start. ready_ns: when it could go (that enter, or the connection being ready).
  uint64_t request_start_ns = 0;
  uint64_t ready_ns = 0;
  uint64_t first_byte_ns = 0;
  uint64_t connect_start_ns = 0;  // set by connect()
  uint64_t connected_ns = 0;      // TCP connected (the connect's CQE reaped)
  uint64_t failing_since_ns = 0;  // first of the failed connects in a row (0: the last one worked)
  uint32_t generation = 0;        // bumped whenever the slot gets a new socket
  uint32_t send_offset = 0;       // bytes of the request known to be sent (SendMode)
  int chain_error = 0;            // errno of a failed socket/setsockopt step before the connect
  uint32_t failed_connects = 0;   // failed connects or handshakes in a row: sets the backoff
  SendMode send_mode = SendMode::unacknowledged;
  bool recv_armed = false;
  // Opened while the clock runs, no request on it yet: the first one waited for it, so its
  // latency includes the connect (and the TLS handshake). Connections opened before the clock
  // are not charged to any request.
  bool awaited = false;
  bool on_new_connection = false;  // the current request is that first one
  // Open loop: the request found this connection idle at its intended time (its send lag is
  // the client's own lateness), and the connection is in Worker::idle_.
  bool counts_lag = false;
  bool listed_idle = false;

 private:
  friend class ConnectionTable;
  ConnState state_ = ConnState::dead;
  // A reconnect during a -n run takes its request from the quota when it starts, so no more
  // connections open than there are requests left to send; the connection's first request
  // (or its failure) uses it.
  bool holds_request_ = false;
};

}  // namespace ringbench::engine
