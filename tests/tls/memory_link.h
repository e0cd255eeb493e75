#pragma once
// Drives two Sessions against each other purely in memory, the way the rings would: whatever one
// side queued is taken from outbound() (consume_outbound() as a send completion would) and fed to
// the other side in chunks, each chunk followed by the call that reads it; the chunk's buffer is
// then scribbled over, as a recycled receive buffer would be, so a session that kept a pointer
// into fed bytes instead of copying what it left unread is caught.
#include <cstddef>
#include <functional>
#include <string>

#include "ringbench/tls/session.h"

namespace ringbench::tls::test {

using Status = Session::Status;

// Everything `from` queued to send, as the ring would send it (consumed piece by piece).
std::string drain(Session& from);

class MemoryLink {
 public:
  // `chunk`: the largest piece fed at once (a receive of at most that many bytes).
  explicit MemoryLink(size_t chunk = 64 * 1024) : chunk_(chunk) {}

  // Feeds `bytes` to `to`, calling step() after each chunk; stops early when step() says
  // failed or closed. Returns the last status (want_io when there was nothing to feed).
  Status deliver(Session& to, const std::string& bytes, const std::function<Status()>& step);

  struct Handshake {
    Status client;
    Status server;
  };
  // Runs both handshakes to the end (done or failed on either side), delivering alerts too.
  Handshake handshake(Session& client, Session& server);

  // Delivers what `from` queued into `to` and reads all plaintext `to` can produce.
  Status transfer(Session& from, Session& to, std::string& plaintext);

 private:
  size_t chunk_;
  std::string buffer_;
};

}  // namespace ringbench::tls::test
