#include "memory_link.h"

#include <algorithm>

namespace ringbench::tls::test {

std::string drain(Session& from) {
  std::string bytes;
  for (std::string_view pending = from.outbound(); !pending.empty(); pending = from.outbound()) {
    const size_t piece = std::min<size_t>(pending.size(), 1000);  // partial sends
    bytes.append(pending.data(), piece);
    from.consume_outbound(piece);
  }
  return bytes;
}

Status MemoryLink::deliver(Session& to, const std::string& bytes, const std::function<Status()>& step) {
  Status status = Status::want_io;
  for (size_t at = 0; at < bytes.size(); at += chunk_) {
    buffer_.assign(bytes, at, chunk_);
    to.feed(buffer_.data(), buffer_.size());
    status = step();
    buffer_.assign(buffer_.size(), '\xAA');  // the receive buffer is recycled
    if (status == Status::failed || status == Status::closed) break;
  }
  return status;
}

MemoryLink::Handshake MemoryLink::handshake(Session& client, Session& server) {
  Handshake h{client.handshake(), Status::want_io};
  for (int round = 0; round < 20; ++round) {
    const std::string to_server = drain(client);
    if (!to_server.empty() && h.server != Status::failed) h.server = deliver(server, to_server, [&] { return server.handshake(); });
    const std::string to_client = drain(server);
    if (!to_client.empty() && h.client != Status::failed) h.client = deliver(client, to_client, [&] { return client.handshake(); });
    if (to_server.empty() && to_client.empty()) break;
  }
  return h;
}

Status MemoryLink::transfer(Session& from, Session& to, std::string& plaintext) {
  const std::string bytes = drain(from);
  char scratch[16 * 1024];
  auto sink = [&](const char* data, size_t n) { plaintext.append(data, n); };
  if (bytes.empty()) return to.read(scratch, sizeof scratch, sink);
  return deliver(to, bytes, [&] { return to.read(scratch, sizeof scratch, sink); });
}

}  // namespace ringbench::tls::test
