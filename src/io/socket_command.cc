#include "ringbench/io/socket_command.h"

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstring>

#include "ringbench/io/legacy_kernel.h"

// Kernel ABI values newer than liburing 2.3's uapi header.
#ifndef SOCKET_URING_OP_SETSOCKOPT
#define SOCKET_URING_OP_SETSOCKOPT 3
#endif
constexpr int op_bind = 56;  // IORING_OP_BIND

namespace ringbench::io {

void prep_setsockopt_direct(io_uring_sqe* sqe, unsigned slot, int level, int optname, const int* value) noexcept {
  io_uring_prep_rw(IORING_OP_URING_CMD, sqe, int(slot), nullptr, 0, 0);
  sqe->flags |= IOSQE_FIXED_FILE;
  // uapi layout (6.7): cmd_op in the low half of `off`, level/optname in `addr`,
  // optlen in `file_index`, optval in `addr3`.
  sqe->off = SOCKET_URING_OP_SETSOCKOPT;
  sqe->addr = uint64_t(uint32_t(level)) | (uint64_t(uint32_t(optname)) << 32);
  sqe->file_index = sizeof(int);
  sqe->addr3 = reinterpret_cast<uint64_t>(value);
}

bool setsockopt_command_supported() {
  static const bool supported = [] {
    if (legacy_kernel_forced()) return false;
    io_uring ring;
    if (io_uring_queue_init(4, &ring, 0) != 0) return false;
    bool ok = false;
    const int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd >= 0 && io_uring_register_files(&ring, &fd, 1) == 0) {
      static const int one = 1;
      prep_setsockopt_direct(io_uring_get_sqe(&ring), 0, IPPROTO_TCP, TCP_NODELAY, &one);
      io_uring_cqe* cqe = nullptr;
      if (io_uring_submit_and_wait(&ring, 1) == 1 && io_uring_peek_cqe(&ring, &cqe) == 0) {
        ok = cqe->res == 0;
      }
      int value = 0;
      socklen_t len = sizeof value;
      ok = ok && getsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &value, &len) == 0 && value == 1;
    }
    if (fd >= 0) close(fd);
    io_uring_queue_exit(&ring);
    return ok;
  }();
  return supported;
}

void prep_bind_direct(io_uring_sqe* sqe, unsigned slot, const sockaddr* address, socklen_t length) noexcept {
  io_uring_prep_rw(op_bind, sqe, int(slot), address, 0, length);  // addr = sockaddr, off = length
  sqe->flags |= IOSQE_FIXED_FILE;
}

bool bind_command_supported() {
  static const bool supported = [] {
    if (legacy_kernel_forced()) return false;
    io_uring_probe* probe = io_uring_get_probe();
    const bool ok = probe != nullptr && io_uring_opcode_supported(probe, op_bind);
    if (probe) io_uring_free_probe(probe);
    return ok;
  }();
  return supported;
}

}  // namespace ringbench::io
