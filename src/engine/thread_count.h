#pragma once
// How many workers a run needs. Each worker's ring holds its connections in a direct-descriptor
// table, and the kernel refuses a table larger than RLIMIT_NOFILE (io_uring/rsrc.c:
// `nr_args > rlimit(RLIMIT_NOFILE)` gives EMFILE; docs/IO_URING.md, fixed-table-vs-nofile),
// whose soft limit can be raised no higher than the hard one: one ring holds at most the hard
// limit's worth of connections, so -c above it needs more rings, that is more threads.
#include <cstdint>
#include <string>

namespace ringbench::engine {

struct ThreadChoice {
  uint32_t threads = 1;
  std::string warning;  // set when the choice is worth a line before the run
};

// The most connections one ring can hold under an RLIMIT_NOFILE hard limit of `hard_limit`
// (0: unlimited; the kernel's own cap, IORING_MAX_FIXED_FILES, is 1 << 20).
uint64_t connections_per_ring(uint64_t hard_limit);

// `asked`: --threads (0: not given); `cpus`: CPUs this process may use. Without --threads,
// one per CPU, or more when -c needs more rings (then they share the CPUs, said in `warning`).
// Throws Error(usage) when --threads is too few for -c.
ThreadChoice choose_threads(uint32_t concurrency, uint32_t asked, uint32_t cpus, uint64_t per_ring);

// The RLIMIT_NOFILE hard limit of this process (0: unlimited).
uint64_t fd_hard_limit();

}  // namespace ringbench::engine
