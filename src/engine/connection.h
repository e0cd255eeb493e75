#pragma once
// The per-connection state a worker keeps: a small struct, no receive buffer of its own
// (bytes arrive in the worker's provided buffers and are parsed in place).
#include <cstdint>

#include "ringbench/http/response_parser.h"

namespace ringbench::engine {

enum class ConnState : uint8_t {
  dead,        // never opened, or given up on; holds no socket
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
  uint32_t generation = 0;        // bumped whenever the slot gets a new socket
  uint32_t send_offset = 0;       // bytes of the request already sent (short sends)
  int chain_error = 0;            // errno of a failed socket/setsockopt step before the connect
  ConnState state = ConnState::dead;
  bool recv_armed = false;
  // Opened while the clock runs, no request on it yet: the first one waited for it, so its
  // latency includes the connect (and the TLS handshake). Connections opened before the clock
  // are not charged to any request.
  bool awaited = false;
  bool on_new_connection = false;  // the current request is that first one
};

}  // namespace ringbench::engine
