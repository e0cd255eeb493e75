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
  queued,       // requests decided, none sent yet: their send goes out with the next submit
  busy,         // requests sent, a response not complete yet: requests in flight (more may be unsent)
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

  http::ResponseParser parser;  // the response to the oldest request outstanding (RequestFifo)
  // When the connection could first carry a request (TCP connected, or the TLS handshake
  // done): a request that waited for it is ready then (stats/phases.h).
  uint64_t ready_ns = 0;
  uint64_t first_byte_ns = 0;     // of the response being parsed
  uint64_t connect_start_ns = 0;  // set by connect()
  uint64_t connected_ns = 0;      // TCP connected (the connect's CQE reaped)
  uint64_t failing_since_ns = 0;  // first of the failed connects in a row (0: the last one worked)
  uint32_t generation = 0;        // bumped whenever the slot gets a new socket
  uint32_t send_offset = 0;       // bytes of the current send known to be sent (SendMode)
  uint32_t send_length = 0;       // bytes of the current send: its requests back to back
  int chain_error = 0;            // errno of a failed socket/setsockopt step before the connect
  uint32_t failed_connects = 0;   // failed connects or handshakes in a row: sets the backoff
  // The newest requests of the connection's RequestFifo decided on and not yet written: the
  // next send carries them all (with --pipeline, also while earlier ones are in flight).
  uint32_t unsent = 0;
  SendMode send_mode = SendMode::unacknowledged;
  // An acknowledged send is in flight: the next waits for its CQE, since two sends in flight
  // on one socket could interleave their bytes.
  bool send_busy = false;
  bool listed_for_send = false;  // in Worker::pending_sends_
  // A send on this socket failed: it takes no more requests, its recv drains what the server
  // sent before closing (Worker::on_send_failed).
  bool send_failed = false;
  bool recv_armed = false;
  // Opened while the clock runs, no request on it yet: the first one waited for it, so its
  // latency includes the connect (and the TLS handshake). Connections opened before the clock
  // are not charged to any request.
  bool awaited = false;
  // Open loop: the connection is in Worker::idle_ (no request) or Worker::room_ (pipelining,
  // fewer than --pipeline requests).
  bool listed_idle = false;
  bool listed_room = false;

 private:
  friend class ConnectionTable;
  ConnState state_ = ConnState::dead;
  // A reconnect during a -n run takes its request from the quota when it starts, so no more
  // connections open than there are requests left to send; the connection's first request
  // (or its failure) uses it.
  bool holds_request_ = false;
};

}  // namespace ringbench::engine
