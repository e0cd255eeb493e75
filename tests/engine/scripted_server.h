#pragma once
// A deliberately misbehaving HTTP server for engine tests: plain blocking sockets, one thread
// per connection, each connection answering requests the way its Behaviour says.
#include <atomic>
#include <cstdint>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

namespace ringbench::testing {

enum class Behaviour {
  close_after_response,  // "Connection: close" response, then close
  reset_after_request,   // read the request, then RST (SO_LINGER 0)
  stall,                 // read requests, never answer
  garbage,               // answer with bytes that are not HTTP
  chunked_bytewise,      // keep-alive chunked response written one byte per send()
  close_delimited,       // HTTP/1.0-style body ended by closing the connection
  never_accept,          // listen with a backlog of 1 and never accept: later connects hang
  body_longer_than_length,  // Content-Length: 2 followed by more than 2 body bytes
  freeze,                // keep-alive 200s until `answers` requests were answered, then none
  close_after_answers,   // keep-alive 200s, the `answers`-th on a connection says Connection: close
  batch_bytewise,        // every request read so far answered at once, the whole batch one byte per send()
};

class ScriptedServer {
 public:
  explicit ScriptedServer(Behaviour behaviour, uint64_t answers = 0);
  ~ScriptedServer();

  uint16_t port() const { return port_; }
  uint64_t requests_seen() const { return requests_.load(); }
  // freeze: when the first request left unanswered arrived (monotonic ns); 0 = none yet.
  uint64_t froze_at_ns() const { return froze_at_ns_.load(); }
  std::set<std::string> peer_addresses();  // source IPs of accepted connections
  static constexpr const char* body = "hello, ringbench";

 private:
  void accept_loop();
  void serve(int fd);
  void converse(int fd);
  bool read_request(int fd, std::string& pending);
  void answer(int fd);
  std::string answer_batch(std::string& pending);

  Behaviour behaviour_;
  int listener_ = -1;
  uint16_t port_ = 0;
  std::atomic<bool> stopping_{false};
  std::atomic<uint64_t> requests_{0};
  uint64_t answers_;
  std::atomic<uint64_t> answered_{0};
  std::atomic<uint64_t> froze_at_ns_{0};
  std::mutex mutex_;
  std::vector<int> clients_;
  std::set<std::string> peers_;
  std::vector<std::thread> threads_;
  std::thread acceptor_;
};

}  // namespace ringbench::testing
