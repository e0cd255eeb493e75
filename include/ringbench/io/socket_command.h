#pragma once
// Socket operations on direct descriptors that liburing 2.3 cannot express: setsockopt through
// IORING_OP_URING_CMD (kernel 6.7), so a socket created by the ring never needs a normal fd.
#include <liburing.h>
#include <sys/socket.h>

namespace ringbench::io {

// Prepares setsockopt(slot, level, optname, *value) on direct descriptor `slot`.
// `value` must stay valid until the SQE completes.
void prep_setsockopt_direct(io_uring_sqe* sqe, unsigned slot, int level, int optname, const int* value) noexcept;

// True when this kernel runs setsockopt as a uring command (checked once on a throwaway ring).
bool setsockopt_command_supported();

// Prepares bind(slot, address) on direct descriptor `slot` (IORING_OP_BIND, kernel 6.11).
// `address` must stay valid until the SQE completes.
void prep_bind_direct(io_uring_sqe* sqe, unsigned slot, const sockaddr* address, socklen_t length) noexcept;

// True when this kernel has IORING_OP_BIND (checked once).
bool bind_command_supported();

}  // namespace ringbench::io
