#pragma once
// One worker: a pinned thread with its own ring, buffer ring, connections and stats. Nothing
// is shared with other workers while the clock runs except relaxed atomic LiveCounters.
#include <atomic>
#include <exception>
#include <memory>
#include <optional>
#include <vector>

#include "arrival_schedule.h"
#include "client_queue.h"
#include "connection_table.h"
#include "run_shared.h"
#include "deadline_queue.h"
#include "interval_recorder.h"
#include "live_publisher.h"
#include "reconnect_backoff.h"
#include "request_fifo.h"
#include "source_ports.h"
#include "tls_slot.h"
#include "ringbench/engine/live_counters.h"
#include "ringbench/engine/plan.h"
#include "ringbench/io/buffer_ring.h"
#include "ringbench/io/ring.h"
#include "ringbench/stats/run_result.h"
#include "ringbench/tls/client_context.h"

namespace ringbench::engine {

class Worker {
 public:
  Worker(RunShared& shared, uint32_t index);
  ~Worker();

  // Thread body. Never throws: a failure is kept in error().
  void run() noexcept;

  stats::WorkerStats& stats() noexcept { return stats_; }
  std::exception_ptr error() const noexcept { return error_; }
  uint64_t end_ns() const noexcept { return end_ns_; }
  const std::vector<std::string>& fallbacks() const noexcept { return fallbacks_; }
  uint64_t open_failures() const noexcept { return open_failures_; }
  uint64_t first_connect_error_ns() const noexcept { return first_connect_error_ns_; }  // 0: none

 private:
  enum Op : uint8_t { op_cancel = 1, op_socket, op_sockopt, op_bind, op_connect, op_send, op_recv };

  void setup();
  void register_request_buffer();
  void open_connections();
  void loop();
  bool finished(uint64_t now) const noexcept;
  long long wait_budget_ns(uint64_t now) const noexcept;
  void flush_sends();
  void prepare_send(uint32_t slot);
  void send_rest(uint32_t slot);
  void stamp_lone_send(uint64_t now);
  void stamp_send(uint32_t slot, uint64_t send_start);
  void drain(uint64_t now);
  void handle(const io_uring_cqe& cqe, uint64_t now);
  void publish_live() noexcept;
  void cut_interval(uint64_t now);
  bool invariants_hold() const noexcept;
  void end_warmup();
  void record_unfinished(uint64_t now);
  void count_loop(uint64_t pass_start, uint64_t before_wait, uint64_t after_wait) noexcept;

  // Connections (worker_connect.cc).
  void connect(uint32_t slot, uint64_t now);
  void on_connect_step(uint32_t slot, int res, uint64_t now);
  void on_connected(uint32_t slot, int res, uint64_t now);
  void connection_ready(uint32_t slot, uint64_t now);
  void reconnect(uint32_t slot, uint64_t now);
  void start_due_reconnects(uint64_t now);
  void connect_failed(uint32_t slot, stats::ErrorClass cls, const char* what, int err, uint64_t now);
  void reopen(uint32_t slot, uint64_t now);
  void arm_recv(uint32_t slot);

  // The requests a connection carries (worker_requests.cc).
  bool may_start_request(uint64_t now) const noexcept;
  bool may_reconnect(uint64_t now) const noexcept;
  void start_request(uint32_t slot);
  void decide(uint32_t slot, const PendingRequest& request);
  void fill_pipeline(uint32_t slot, uint64_t now);
  void give_back(const PendingRequest& request);
  void take_back_unsent(uint32_t slot);
  void drop_unsent(uint32_t slot, uint64_t now);
  void retry_requests(uint32_t slot, uint64_t now);
  void fail_requests(uint32_t slot, stats::ErrorClass cls, const char* what, int err, uint64_t now);
  uint32_t written(uint32_t slot) const noexcept { return requests_.size(slot) - conns_[slot].unsent; }

  // Requests and responses (worker_exchange.cc).
  void on_send(uint32_t slot, int res, uint64_t now);
  void on_send_failed(uint32_t slot, int err, uint64_t now);
  void on_recv(const io_uring_cqe& cqe, uint32_t slot, uint64_t now);
  void on_response_bytes(uint32_t slot, const char* data, size_t len, uint64_t now);
  void on_eof(uint32_t slot, uint64_t now);
  void complete_response(uint32_t slot, uint64_t now);
  void close_after_response(uint32_t slot, uint64_t now);
  void record_phases(const Connection& c, const PendingRequest& r, uint64_t now) noexcept;
  void fail_request(uint32_t slot, stats::ErrorClass cls, const char* what, int err, uint64_t now);
  void retire(uint32_t slot);
  void expire_deadlines(uint64_t now);
  void count_error(stats::ErrorClass cls, const char* what, int err);
  void note_first_error(stats::ErrorClass cls, const char* what, int err);

  // Open loop, --rate (worker_rate.cc).
  void start_schedule();
  void start_ramp();
  uint32_t ramp_level(uint64_t now) const noexcept;
  void ramp_up(uint64_t now);
  void list_idle(uint32_t slot);
  void use_idle(uint32_t slot, uint64_t now);
  void offer_connection(uint32_t slot, uint64_t now);
  std::optional<uint32_t> take_idle() noexcept;
  void list_room(uint32_t slot);
  std::optional<uint32_t> take_room() noexcept;
  void serve_queue(uint64_t now);
  void release_due(uint64_t now);
  void start_scheduled(uint32_t slot, uint64_t intended_ns, bool found_room);
  void expire_queue(uint64_t now);
  void count_queue_timeout(std::string&& message);
  void fail_waiting_request(stats::ErrorClass cls, const char* what, int err);
  void record_unsent(uint64_t now);

  // HTTPS (worker_tls.cc): the handshake after the TCP connect, ciphertext in and out.
  void setup_tls();
  void start_handshake(uint32_t slot, uint64_t now);
  void continue_handshake(uint32_t slot, uint64_t now);
  void drop_handshake(uint32_t slot, stats::ErrorClass cls, const char* what, int err, uint64_t now);
  void on_tls_bytes(uint32_t slot, const char* data, size_t len, uint64_t now);
  void on_tls_end(uint32_t slot, uint64_t now);
  void read_tls(uint32_t slot, uint64_t now);
  void write_tls_request(uint32_t slot);
  void send_tls_outbound(uint32_t slot);
  void on_tls_send(uint32_t slot, int res, uint64_t now);
  void save_tls_session(uint32_t slot);
  void release_tls() noexcept;

  RunShared& shared_;
  WorkerPlan plan_;
  uint32_t index_;
  std::unique_ptr<io::Ring> ring_;
  std::unique_ptr<io::BufferRing> buffers_;
  std::optional<uint32_t> lone_send_;  // a prepared send that goes out with the next wait
  uint32_t starved_recvs_ = 0;  // recvs that found the buffer ring empty since the last loop
  ConnectionTable conns_;
  uint32_t depth_;         // --pipeline: requests a connection carries at most
  RequestFifo requests_;   // per connection, oldest first
  uint64_t outstanding_ = 0;  // requests in all the FIFOs: decided on and not finished
  // https:// only: this worker's client context, a TlsSlot per connection, and where decrypted
  // bytes land before the parser reads them in place.
  std::unique_ptr<tls::ClientContext> tls_ctx_;
  std::vector<TlsSlot> tls_;
  std::unique_ptr<char[]> tls_plain_;
  DeadlineQueue deadlines_;
  RetrySchedule retries_;  // connections waiting out a backoff
  JitterSource jitter_;
  std::vector<uint32_t> pending_sends_;
  // Open loop only: the schedule, requests due that wait for a connection, idle connections.
  std::optional<ArrivalSchedule> schedule_;
  ClientQueue queue_;
  std::vector<uint32_t> idle_;
  std::vector<uint32_t> room_;  // --pipeline: connections with requests and room for more
  std::optional<LoadProfile> ramp_;  // closed loop with --stages: connections sending over time
  std::vector<std::string> fallbacks_;
  stats::WorkerStats stats_;
  std::exception_ptr error_;
  std::optional<uint64_t> quota_left_;
  uint64_t run_deadline_ns_ = UINT64_MAX;  // -z end; UINT64_MAX = none
  uint64_t drain_end_ns_ = UINT64_MAX;     // -z end + --drain
  uint64_t end_ns_ = 0;
  uint64_t open_failures_ = 0;  // connections that could not be opened before the clock started
  uint64_t first_connect_error_ns_ = 0;  // first connect error of the run (the server went away?)
  bool clock_running_ = false;
  bool warming_ = false;  // requests run but nothing they measure is kept (Plan::warmup)
  bool sockopt_direct_ = false;
  bool zero_copy_ = false;
  std::optional<SourcePorts> source_ports_;  // bind each connection to a pair of plan.sources
  IntervalRecorder interval_;
  LivePublisher live_;
};

}  // namespace ringbench::engine
