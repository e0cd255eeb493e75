// The request side of a worker:
//  - BuildRequest/<kind>: http::build_request, once per target at plan time (not on the hot
//    path; measured so it stays cheap): 0 = GET, 1 = GET with 6 user headers and basic auth,
//    2 = POST with a 1 KiB body. MakePlan: engine::make_plan for a numeric loopback URL.
//  - PrepareSend: what Worker::prepare_send does per request on a real ring sized as the
//    worker sizes it for c = 1024: get an SQE, io_uring_prep_send of the pre-built request on
//    a fixed file, IOSQE_FIXED_FILE, user_data. Nothing is submitted: the local SQ tail is
//    rewound after every 8 SQEs (the worker's send_chunk). Must allocate 0.
//  - SubmitBatch/<batch>: the per-request bookkeeping of start_request + flush_sends + drain
//    around the ring: parser reset, pending-send list, and the worker's own send policy
//    (engine/send_stamper.h: one SQE per request, here a NOP carrying the send's user_data so
//    no socket is involved; one io_uring_submit per chunk of 8 after the clock read that stamps
//    its requests), then reaping the CQEs. The share of io_uring_enter per request falls with
//    the batch up to the chunk. Must allocate 0. Not included: the engine's private
//    DeadlineQueue push (a few stores in preallocated arrays).
// Run: build/microbench/request_bench --benchmark_counters_tabular=true
#include <benchmark/benchmark.h>
#include <sys/socket.h>

#include <string>
#include <vector>

#include "alloc_counter.h"
#include "benchmark_runner.h"
#include "ringbench/core/clock.h"
#include "ringbench/core/config.h"
#include "ringbench/engine/plan.h"
#include "ringbench/http/request_builder.h"
#include "ringbench/http/response_parser.h"
#include "ringbench/http/url.h"
#include "ringbench/io/ring.h"
#include "ringbench/io/user_data.h"
#include "send_stamper.h"

namespace {

using ringbench::microbench::allocation_count;
using ringbench::microbench::report_allocations;
using ringbench::microbench::require_no_allocations;

constexpr uint32_t connections = 1024;
constexpr uint8_t op_send = 6;  // the worker's Op value; only carried, never decoded here

ringbench::Config request_config(int kind) {
  ringbench::Config config;
  config.url = "http://127.0.0.1:8080/api/v1/items?page=2&sort=desc";
  if (kind == 1) {
    config.basic_auth = "benchmark:secret";
    config.accept = "application/json";
    config.headers = {{"X-Request-Source", "ringbench"}, {"Accept-Encoding", "gzip, br"},
                      {"Cache-Control", "no-cache"},     {"X-Tenant", "tenant-0042"},
                      {"Cookie", "session=0123456789abcdef0123456789abcdef"},
                      {"Traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"}};
  } else if (kind == 2) {
    config.method = "POST";
    config.content_type = "application/json";
    config.body = std::string(1024, 'b');
  }
  return config;
}

ringbench::io::RingOptions worker_ring_options() {
  // As Worker::setup sizes them for 1024 connections.
  return {.sq_entries = 4096, .cq_entries = 8192, .fixed_files = connections};
}

void BM_BuildRequest(benchmark::State& state) {
  const ringbench::Config config = request_config(int(state.range(0)));
  const ringbench::http::Url url = ringbench::http::parse_url(config.url);
  size_t bytes = 0;
  const uint64_t allocations = allocation_count();
  for (auto _ : state) {
    const std::string request = ringbench::http::build_request(config, url);
    bytes = request.size();
    benchmark::DoNotOptimize(request.data());
  }
  report_allocations(state, allocations);
  state.counters["request_bytes"] = double(bytes);
  state.SetItemsProcessed(int64_t(state.iterations()));
}
BENCHMARK(BM_BuildRequest)->ArgName("kind")->DenseRange(0, 2);

void BM_MakePlan(benchmark::State& state) {
  ringbench::Config config = request_config(0);
  config.concurrency = connections;
  config.threads = 1;
  config.requests = 1'000'000;
  const uint64_t allocations = allocation_count();
  for (auto _ : state) {
    const ringbench::engine::Plan plan = ringbench::engine::make_plan(config);
    benchmark::DoNotOptimize(plan.request.data());
  }
  report_allocations(state, allocations);
  state.SetItemsProcessed(int64_t(state.iterations()));
}
BENCHMARK(BM_MakePlan);

void BM_PrepareSend(benchmark::State& state) {
  ringbench::io::Ring ring(worker_ring_options());
  const std::string request = ringbench::http::build_request(request_config(0), ringbench::http::parse_url(request_config(0).url));
  io_uring* raw = ring.get();
  constexpr unsigned send_chunk = ringbench::engine::send_chunk;
  uint32_t slot = 0, generation = 1;
  unsigned prepared = 0;
  const uint64_t allocations = allocation_count();
  for (auto _ : state) {
    io_uring_sqe* sqe = ring.next_sqe();
    io_uring_prep_send(sqe, int(slot), request.data(), request.size(), MSG_WAITALL | MSG_NOSIGNAL);
    sqe->flags |= IOSQE_FIXED_FILE;
    io_uring_sqe_set_data64(sqe, ringbench::io::UserData{op_send, generation, slot}.encode());
    slot = (slot + 1) % connections;
    if (++prepared == send_chunk) {
      // Forget the unsubmitted SQEs: the kernel only sees the tail on io_uring_submit.
      raw->sq.sqe_tail -= prepared;
      prepared = 0;
    }
  }
  raw->sq.sqe_tail -= prepared;
  require_no_allocations(state, allocations);
  state.SetItemsProcessed(int64_t(state.iterations()));
}
BENCHMARK(BM_PrepareSend);

void BM_SubmitBatch(benchmark::State& state) {
  const size_t batch = size_t(state.range(0));
  ringbench::io::Ring ring(worker_ring_options());
  io_uring* raw = ring.get();
  std::vector<ringbench::http::ResponseParser> parsers(connections);
  std::vector<uint32_t> pending;
  pending.reserve(connections);
  std::vector<uint64_t> start_ns(connections);
  uint32_t next_slot = 0, generation = 1;
  uint64_t reaped = 0;
  const uint64_t allocations = allocation_count();
  for (auto _ : state) {
    // start_request for `batch` connections.
    for (size_t i = 0; i < batch; ++i) {
      const uint32_t slot = next_slot;
      next_slot = (next_slot + 1) % connections;
      parsers[slot].start(false);
      pending.push_back(slot);
    }
    // flush_sends: the worker's chunked submit, every request stamped with the moment just
    // before the io_uring_enter that carries it. No lone send is left for a wait here.
    ringbench::engine::submit_in_chunks(
        pending, false,
        [&](uint32_t slot) {
          io_uring_sqe* sqe = ring.next_sqe();
          io_uring_prep_nop(sqe);
          io_uring_sqe_set_data64(sqe, ringbench::io::UserData{op_send, generation, slot}.encode());
        },
        [raw] { io_uring_submit(raw); }, ringbench::monotonic_ns,
        [&](uint32_t slot, uint64_t start) { start_ns[slot] = start; });
    pending.clear();
    // drain: the NOPs completed inline in the submit.
    unsigned head, seen = 0;
    io_uring_cqe* cqe;
    io_uring_for_each_cqe(raw, head, cqe) {
      benchmark::DoNotOptimize(ringbench::io::UserData::decode(cqe->user_data).slot);
      ++seen;
    }
    io_uring_cq_advance(raw, seen);
    reaped += seen;
  }
  require_no_allocations(state, allocations);
  if (reaped != state.iterations() * batch) state.SkipWithError("some NOPs did not complete inside their submit");
  benchmark::DoNotOptimize(start_ns.data());
  state.SetItemsProcessed(int64_t(state.iterations() * batch));
  state.counters["time_per_request"] = benchmark::Counter(double(state.iterations() * batch),
                                                       benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}
BENCHMARK(BM_SubmitBatch)->ArgName("batch")->Arg(1)->Arg(8)->Arg(64);

}  // namespace

int main(int argc, char** argv) { return ringbench::microbench::run_benchmarks(argc, argv); }
