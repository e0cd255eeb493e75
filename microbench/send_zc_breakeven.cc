// Where does SEND_ZC from a registered buffer start to beat a plain copying SEND?
// One io_uring sends `size` bytes per iteration over a loopback TCP connection whose other
// end a thread drains; the CPU column is the sending thread's CPU per request.
// Run: build/microbench/send_zc_breakeven --benchmark_counters_tabular=true
#include <benchmark/benchmark.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <thread>
#include <vector>

#include "ringbench/io/ring.h"

namespace {

struct LoopbackPair {
  int sender = -1, receiver = -1;
  LoopbackPair() {
    const int listener = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof addr;
    bind(listener, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    listen(listener, 1);
    getsockname(listener, reinterpret_cast<sockaddr*>(&addr), &len);
    sender = socket(AF_INET, SOCK_STREAM, 0);
    connect(sender, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    receiver = accept(listener, nullptr, nullptr);
    close(listener);
    const int one = 1;
    setsockopt(sender, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  }
  ~LoopbackPair() {
    close(sender);
    close(receiver);
  }
};

void wait_one(ringbench::io::Ring& ring, bool zero_copy) {
  // A zero-copy send posts its result and later a notification; wait for both.
  int needed = zero_copy ? 2 : 1;
  while (needed > 0) {
    io_uring_cqe* cqe = nullptr;
    io_uring_wait_cqe(ring.get(), &cqe);
    --needed;
    io_uring_cqe_seen(ring.get(), cqe);
  }
}

void send_loop(benchmark::State& state, bool zero_copy) {
  const size_t size = size_t(state.range(0));
  LoopbackPair pair;
  std::atomic<bool> done{false};
  std::thread drain([&] {
    std::vector<char> sink(1 << 20);
    while (!done.load(std::memory_order_relaxed) && read(pair.receiver, sink.data(), sink.size()) > 0) {}
  });
  ringbench::io::Ring ring({.sq_entries = 8, .cq_entries = 16});
  std::vector<char> payload(size, 'x');
  iovec iov{payload.data(), size};
  if (zero_copy && io_uring_register_buffers(ring.get(), &iov, 1) != 0) {
    state.SkipWithError("register_buffers failed");
  }
  for (auto _ : state) {
    io_uring_sqe* sqe = ring.next_sqe();
    if (zero_copy) {
      io_uring_prep_send_zc_fixed(sqe, pair.sender, payload.data(), size, MSG_WAITALL, 0, 0);
    } else {
      io_uring_prep_send(sqe, pair.sender, payload.data(), size, MSG_WAITALL);
    }
    io_uring_submit(ring.get());
    wait_one(ring, zero_copy);
  }
  state.SetBytesProcessed(int64_t(state.iterations() * size));
  done = true;
  shutdown(pair.sender, SHUT_WR);
  drain.join();
}

void BM_Send(benchmark::State& state) { send_loop(state, false); }
void BM_SendZeroCopyFixed(benchmark::State& state) { send_loop(state, true); }

BENCHMARK(BM_Send)->RangeMultiplier(2)->Range(256, 1 << 20);
BENCHMARK(BM_SendZeroCopyFixed)->RangeMultiplier(2)->Range(256, 1 << 20);

}  // namespace

BENCHMARK_MAIN();
