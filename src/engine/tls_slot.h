#pragma once
// What an https:// connection slot keeps beside its Connection: the TLS session of the current
// socket and the session saved from an earlier one, which the next handshake resumes. Kept out
// of Connection so plain-HTTP runs carry none of it.
#include <cstdint>

#include "ringbench/tls/saved_session.h"
#include "ringbench/tls/session.h"

namespace ringbench::engine {

struct TlsSlot {
  tls::Session session;
  tls::SavedSession saved;
  uint64_t handshake_start_ns = 0;
  bool send_in_flight = false;  // one send of session.outbound() at a time: its bytes stay put
  bool saved_this_connection = false;
};

}  // namespace ringbench::engine
