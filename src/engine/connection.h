#pragma once
// The per-connection state a worker keeps: a small struct, no receive buffer of its own
// (bytes arrive in the worker's provided buffers and are parsed in place).
#include <cstdint>

#include "ringbench/http/response_parser.h"

namespace ringbench::engine {

enum class ConnState : uint8_t {
  dead,        // holds no usable socket: never opened, given up on, or waiting out a reconnect
               // backoff (Worker::retries_; dead, so what a failed socket still delivers is ignored)
  connecting,  // socket + connect chain in flight
  handshaking, // https: TCP connected, TLS handshake in progress (still counted as connecting)
  idle,        // open, no request outstanding
  queued,      // request decided, its send goes out with the next submit
  busy,        // request sent, response not complete yet
};

struct Connection {
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
  uint32_t send_offset = 0;       // bytes of the request already sent (short sends)
  int chain_error = 0;            // errno of a failed socket/setsockopt step before the connect
  uint32_t failed_connects = 0;   // failed connects or handshakes in a row: sets the backoff
  ConnState state = ConnState::dead;
  bool recv_armed = false;
  // A reconnect during a -n run takes its request from the quota when it starts, so no more
  // connections open than there are requests left to send; the connection's first request
  // (or its failure) uses it.
  bool holds_request = false;
  // Opened while the clock runs, no request on it yet: the first one waited for it, so its
  // latency includes the connect (and the TLS handshake). Connections opened before the clock
  // are not charged to any request.
  bool awaited = false;
  bool on_new_connection = false;  // the current request is that first one
};

}  // namespace ringbench::engine
