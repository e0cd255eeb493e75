#pragma once
// One worker thread of the server: its own io_uring, its own listener, its own connections.
//
// Connections are direct descriptors (multishot accept into a sparse fixed-file table), so
// they never use the process's fd table: a worker holds up to `max_connections` of them
// whatever RLIMIT_NOFILE leaves to the rest of the process (docs/IO_URING.md, fixed-table-vs-nofile).
//
// Per connection: one multishot recv into the worker's provided-buffer ring; each buffer is
// scanned at once (RequestScanner) and handed back, the responses owed are queued as runs
// (ResponseQueue), and at most one send is in flight. That one-send rule is what keeps
// responses in request order; a send carries up to ResponseTemplates::max_batch pipelined
// responses. With a delay or a stall, a per-connection IORING_OP_TIMEOUT wakes the queue
// when its oldest run is due.
#include <linux/time_types.h>

#include <atomic>
#include <cstdint>
#include <memory>
#include <vector>

#include "extra_delay.h"
#include "request_scanner.h"
#include "response_queue.h"
#include "response_templates.h"
#include "service_schedule.h"
#include "sharing_schedule.h"
#include "stall_window.h"
#include "ringbench/core/clock.h"
#include "ringbench/io/buffer_ring.h"
#include "ringbench/io/ring.h"
#include "ringbench/tls/server_context.h"
#include "ringbench/tls/session.h"

namespace ringbench::serve {

// Written by one worker only, read by anyone (Server's totals).
struct alignas(64) WorkerCounters {
  std::atomic<uint64_t> requests{0};
  std::atomic<uint64_t> connections{0};
  std::atomic<uint64_t> tls_handshake_failures{0};  // handshake() failed: refused, bad bytes, alert

  // A single writer needs no read-modify-write instruction, only a visible store.
  static void add(std::atomic<uint64_t>& counter, uint64_t n) noexcept {
    counter.store(counter.load(std::memory_order_relaxed) + n, std::memory_order_relaxed);
  }
};

struct WorkerConfig {
  int listen_fd = -1;
  uint32_t max_connections = 0;  // size of the fixed-file table
  Nanos delay{0};
  Nanos jitter{0};
  uint32_t capacity = 0;  // requests in service at once; 0 = unlimited
  bool sharing = false;   // capacity shared by all in service (SharingSchedule), not a FIFO queue
  Stall stall{};
  std::atomic<uint64_t>* first_request_ns = nullptr;  // shared by all workers (StallWindow)
  const ResponseTemplates* templates = nullptr;
  WorkerCounters* counters = nullptr;
  tls::ServerContext* tls = nullptr;  // HTTPS when set (shared by all workers)
};

class ServerWorker {
 public:
  // How often run() looks at its stop flags when nothing else wakes it.
  static constexpr Nanos stop_check_interval = std::chrono::milliseconds(25);

  // Sets up the ring, the buffers and the connection table. Must run on the thread that
  // will call run() and destroy the worker: the ring is SINGLE_ISSUER. Throws Error.
  explicit ServerWorker(const WorkerConfig& config);
  ~ServerWorker();
  ServerWorker(const ServerWorker&) = delete;
  ServerWorker& operator=(const ServerWorker&) = delete;

  // Accepts and serves until `stop` or `abort` becomes true. Connections still open are
  // closed when the worker is destroyed (with its ring). Throws Error on a ring failure.
  void run(const std::atomic<bool>& stop, const std::atomic<bool>& abort);

 private:
  static constexpr size_t tls_plain_capacity = 16 * 1024;  // one TLS record of plaintext

  // user_data operation codes (io::UserData::op).
  enum Op : uint8_t { op_accept = 1, op_recv, op_send, op_timer, op_close, op_sharing_timer };

  struct Connection {
    RequestScanner scanner;
    ResponseQueue queue;
    __kernel_timespec timer_at{};  // read by the kernel when the timeout SQE is submitted
    uint32_t generation = 0;       // io::UserData generation; bumped when the slot is closed
    uint32_t sending = 0;          // responses in the send in flight (0: none in flight)
    uint32_t send_bytes = 0;       // length of that send
    uint32_t served = 0;           // --sharing: requests done and not yet sent (queued as waiting)
    bool open = false;
    bool reading = false;          // requests are still answered (no close, error or EOF yet)
    bool peer_closed = false;      // EOF: answer what was asked, then close
    bool closing_send = false;     // the send in flight ends with a response that closes
    bool timer_armed = false;
    bool tls_sending = false;      // https: a send of session.outbound() is in flight
    tls::Session session;          // https only
  };

  void drain_completions();
  void handle(const io_uring_cqe& cqe);
  void on_accept(const io_uring_cqe& cqe);
  void on_recv(const io_uring_cqe& cqe, uint32_t slot, uint32_t generation);
  void on_send(const io_uring_cqe& cqe, uint32_t slot, uint32_t generation);
  void on_timer(uint32_t slot, uint32_t generation);

  // The connection a completion belongs to, or null if it was closed since (a late CQE).
  Connection* live(uint32_t slot, uint32_t generation) noexcept;

  // Scans received bytes and queues the responses they ask for.
  void consume(Connection& c, uint32_t slot, const char* data, size_t len);
  // When a request that arrived at `arrival_ns` may be answered (0: at once).
  uint64_t due_ns(uint64_t arrival_ns, uint64_t service_ns);
  // --sharing: hands finished requests to their connections, wakes when the next one finishes.
  void finish_shared(uint64_t now_ns);
  void arm_sharing_timer();
  // Starts the next send if none is in flight and the oldest response is due.
  void pump(Connection& c, uint32_t slot);
  void close(Connection& c, uint32_t slot);

  // HTTPS (server_tls.cc): ciphertext in through the recv, plaintext to consume(), responses
  // encrypted into the session and its outbound bytes sent one send at a time.
  void tls_received(Connection& c, uint32_t slot, const char* data, size_t len);
  void tls_respond(Connection& c, uint32_t slot, std::string_view plain);
  void tls_flush(Connection& c, uint32_t slot);
  void tls_sent(Connection& c, uint32_t slot, int res);
  // The session failed: nothing more is read or answered; its alert is sent, then the close.
  void tls_fail(Connection& c, uint32_t slot);

  void arm_accept();
  void arm_recv(Connection& c, uint32_t slot);
  void arm_timer(Connection& c, uint32_t slot, uint64_t due_ns);
  io_uring_sqe* sqe(uint8_t op, uint32_t slot, uint32_t generation);

  const WorkerConfig config_;
  const uint64_t delay_ns_;
  ExtraDelay jitter_;
  ServiceSchedule schedule_;
  SharingSchedule sharing_;
  __kernel_timespec sharing_timer_at_{};
  bool sharing_timer_armed_ = false;
  StallWindow stall_;
  io::Ring ring_;
  std::unique_ptr<io::BufferRing> buffers_;  // destroyed before ring_ (it unregisters itself)
  std::vector<Connection> connections_;      // indexed by direct-descriptor slot
  bool accept_armed_ = false;
  bool accept_paused_ = false;  // the fixed-file table is full: accept again after a close
  std::unique_ptr<char[]> tls_plain_;  // decrypted request bytes, scanned in place
};

}  // namespace ringbench::serve
