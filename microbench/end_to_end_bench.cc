// One engine worker (threads=1) driving the embedded server (serve::Server, threads=1) over
// loopback, closed loop at c = 1, 64, 1024, a fixed number of requests per iteration (-n):
// each iteration is one engine::run of make_plan(-n N -c C --threads 1), connecting included.
//
// The server runs in a child process forked before any thread exists, so getrusage(RUSAGE_SELF)
// of this process is the client's CPU alone. With two or more CPUs the server is pinned to
// the last CPU of the affinity mask and the client to the others (the worker takes the first);
// both pin through their own affinity handling (docs/ARCHITECTURE.md, "Threads and CPUs").
//
// Counters (sums over all iterations, then divided):
//   rps              requests / wall time of the whole iteration (connects and thread start included)
//   rps_clocked      requests / the run's own clock (all connections open to the last response),
//                    what `ringbench` itself reports
//   cpu_ns_per_req   client user+sys CPU (RUSAGE_SELF) / requests, setup and teardown included:
//                    at c=1024 opening and closing the connections adds about a third at
//                    -n 50000; --requests_per_iteration=200000 gives the steady-state figure
//   req_per_cpu_s    requests per second of client CPU: the "requests/s per core" figure
//   server_ns_per_req server CPU (sum over its threads' /proc schedstat) / requests
//   allocs_per_iter  client heap allocations per engine::run: ring, buffers, threads and one
//                    interval histogram per second. The same at any -n when the per-request
//                    path allocates nothing (allocs_per_req = the same over requests).
// The Time column is wall time per iteration; the CPU column is only this benchmark's main
// thread, which waits inside engine::run: read cpu_ns_per_req instead.
// Run:  build/microbench/end_to_end_bench --benchmark_counters_tabular=true
//       [--requests_per_iteration=N] (default 50000; the smoke test uses a few thousand)
// c=1 is dominated by hypervisor steal on small VMs (BENCHMARK.md): don't judge CPU efficiency by it.
#include <benchmark/benchmark.h>
#include <dirent.h>
#include <sched.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <fstream>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "alloc_counter.h"
#include "benchmark_runner.h"
#include "ringbench/core/config.h"
#include "ringbench/core/cpu_set.h"
#include "ringbench/engine/engine.h"
#include "ringbench/engine/plan.h"
#include "ringbench/serve/server.h"

namespace {

using namespace ringbench;
using microbench::allocation_count;

struct Target {
  pid_t pid = -1;
  uint16_t port = 0;
  int control = -1;  // closing it tells the server child to stop
  std::string placement;
};

Target target;
uint64_t requests_per_iteration = 50'000;

// Runs the server until the parent closes the control pipe (or dies). Never returns.
[[noreturn]] void serve_child(int port_out, int control_in, int cpu) {
  prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (cpu >= 0) {
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(cpu, &set);
    sched_setaffinity(0, sizeof set, &set);
  }
  int status = 0;
  try {
    serve::ServerOptions options;
    options.threads = 1;
    serve::Server server(options);
    const uint16_t port = server.port();
    if (write(port_out, &port, sizeof port) != sizeof port) _exit(1);
    close(port_out);
    std::atomic<bool> stop{false};
    std::thread watcher([&] {
      char byte;
      while (read(control_in, &byte, 1) > 0) {}
      stop = true;
    });
    server.run(stop);
    watcher.join();
  } catch (const std::exception& e) {
    std::fprintf(stderr, "end_to_end_bench: server: %s\n", e.what());
    status = 1;
  }
  _exit(status);
}

Target start_target() {
  const std::vector<int> cpus = allowed_cpus();
  const int server_cpu = cpus.size() >= 2 ? cpus.back() : -1;
  int port_pipe[2], control_pipe[2];
  if (pipe(port_pipe) != 0 || pipe(control_pipe) != 0) std::abort();
  const pid_t pid = fork();
  if (pid < 0) std::abort();
  if (pid == 0) {
    close(port_pipe[0]);
    close(control_pipe[1]);
    serve_child(port_pipe[1], control_pipe[0], server_cpu);
  }
  close(port_pipe[1]);
  close(control_pipe[0]);
  Target t;
  t.pid = pid;
  t.control = control_pipe[1];
  if (read(port_pipe[0], &t.port, sizeof t.port) != sizeof t.port) t.port = 0;
  close(port_pipe[0]);
  if (server_cpu >= 0) {
    // The client keeps every other CPU; the engine pins its one worker to the first of them.
    cpu_set_t set;
    CPU_ZERO(&set);
    for (int cpu : cpus) {
      if (cpu != server_cpu) CPU_SET(cpu, &set);
    }
    sched_setaffinity(0, sizeof set, &set);
    t.placement = "server cpu " + std::to_string(server_cpu) + ", client cpu " + std::to_string(cpus.front());
  } else {
    t.placement = "1 CPU: server and client share it";
  }
  return t;
}

void stop_target() {
  if (target.pid <= 0) return;
  close(target.control);
  int status = 0;
  waitpid(target.pid, &status, 0);
  target.pid = -1;
}

double cpu_seconds_self() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) + double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

// CPU time of every thread of process `pid` in ns (first field of /proc/PID/task/TID/schedstat).
uint64_t cpu_ns_of(pid_t pid) {
  const std::string dir = "/proc/" + std::to_string(pid) + "/task";
  uint64_t total = 0;
  if (DIR* d = opendir(dir.c_str())) {
    while (const dirent* e = readdir(d)) {
      if (e->d_name[0] == '.') continue;
      std::ifstream stat(dir + "/" + e->d_name + "/schedstat");
      uint64_t ns = 0;
      if (stat >> ns) total += ns;
    }
    closedir(d);
  }
  return total;
}

void BM_EndToEnd(benchmark::State& state) {
  if (target.port == 0) {
    state.SkipWithError("the server did not start");
    return;
  }
  Config config;
  config.url = "http://127.0.0.1:" + std::to_string(target.port) + "/";
  config.concurrency = uint32_t(state.range(0));
  config.threads = 1;
  config.requests = requests_per_iteration;
  const engine::Plan plan = engine::make_plan(config);
  engine::ensure_fd_limit(plan);
  const std::atomic<bool> stop{false};
  double cpu_s = 0, clocked_s = 0;
  uint64_t server_ns = 0, requests = 0, allocations = 0;
  for (auto _ : state) {
    const double cpu0 = cpu_seconds_self();
    const uint64_t server0 = cpu_ns_of(target.pid);
    const uint64_t allocs0 = allocation_count();
    const stats::RunResult result = engine::run(plan, stop);
    allocations += allocation_count() - allocs0;
    server_ns += cpu_ns_of(target.pid) - server0;
    cpu_s += cpu_seconds_self() - cpu0;
    clocked_s += result.duration_s;
    requests += result.requests();
    if (result.totals.counters.error_total() != 0 || result.totals.counters.responses != requests_per_iteration) {
      state.SkipWithError("the run had errors or an incomplete count");
      break;
    }
  }
  const double n = double(requests);
  state.counters["rps"] = benchmark::Counter(n, benchmark::Counter::kIsRate);
  state.counters["rps_clocked"] = clocked_s > 0 ? n / clocked_s : 0;
  state.counters["cpu_ns_per_req"] = n > 0 ? cpu_s * 1e9 / n : 0;
  state.counters["req_per_cpu_s"] = cpu_s > 0 ? n / cpu_s : 0;
  state.counters["server_ns_per_req"] = n > 0 ? double(server_ns) / n : 0;
  state.counters["allocs_per_req"] = n > 0 ? double(allocations) / n : 0;
  state.counters["allocs_per_iter"] = benchmark::Counter(double(allocations), benchmark::Counter::kAvgIterations);
  state.SetItemsProcessed(int64_t(requests));
  state.SetLabel(target.placement + ", -n " + std::to_string(requests_per_iteration));
}
BENCHMARK(BM_EndToEnd)->ArgName("c")->Arg(1)->Arg(64)->Arg(1024)->UseRealTime()->Unit(benchmark::kMillisecond);

// Takes --requests_per_iteration=N out of argv (Google Benchmark rejects flags it doesn't know).
void take_own_flags(int& argc, char** argv) {
  constexpr std::string_view flag = "--requests_per_iteration=";
  int out = 1;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg.starts_with(flag)) {
      requests_per_iteration = std::strtoull(argv[i] + flag.size(), nullptr, 10);
      if (requests_per_iteration == 0) requests_per_iteration = 1;
    } else {
      argv[out++] = argv[i];
    }
  }
  argc = out;
}

}  // namespace

int main(int argc, char** argv) {
  take_own_flags(argc, argv);
  target = start_target();  // forks: before benchmark::Initialize or any thread
  const int status = ringbench::microbench::run_benchmarks(argc, argv);
  stop_target();
  return status;
}
