#include "ringbench/io/ring.h"

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

#include <gtest/gtest.h>

#include "ringbench/io/buffer_ring.h"
#include "ringbench/io/legacy_kernel.h"
#include "ringbench/io/socket_command.h"
#include "ringbench/io/user_data.h"

using namespace ringbench::io;

TEST(UserData, RoundTripsAndWrapsGeneration) {
  const UserData d{7, 0x1234567, 0xFFFFFFFE};
  const UserData back = UserData::decode(d.encode());
  EXPECT_EQ(back.op, 7);
  EXPECT_EQ(back.generation, 0x234567u);  // 24 bits carried
  EXPECT_EQ(back.slot, 0xFFFFFFFEu);
}

TEST(Ring, WaitReturnsOnTimeoutWithoutCompletions) {
  Ring ring({.sq_entries = 8, .cq_entries = 16, .fixed_files = 4});
  if (!legacy_kernel_forced()) {
    EXPECT_TRUE(ring.fallbacks().empty()) << ring.fallbacks().front();  // kernel 6.1+ has everything
  }
  ring.submit_and_wait(1'000'000);  // 1 ms; must not throw or hang
  io_uring_cqe* cqe = nullptr;
  EXPECT_NE(io_uring_peek_cqe(ring.get(), &cqe), 0);
}

TEST(Ring, NopCompletesWithItsUserData) {
  Ring ring({.sq_entries = 8, .cq_entries = 16});
  io_uring_sqe* sqe = ring.next_sqe();
  io_uring_prep_nop(sqe);
  io_uring_sqe_set_data64(sqe, UserData{3, 9, 42}.encode());
  ring.submit_and_wait(1'000'000'000);
  io_uring_cqe* cqe = nullptr;
  ASSERT_EQ(io_uring_peek_cqe(ring.get(), &cqe), 0);
  const UserData d = UserData::decode(cqe->user_data);
  EXPECT_EQ(d.op, 3);
  EXPECT_EQ(d.generation, 9u);
  EXPECT_EQ(d.slot, 42u);
}

TEST(SocketCommand, SetsNodelayOnADirectSocket) {
  if (!setsockopt_command_supported()) GTEST_SKIP() << "kernel without socket uring_cmd";
  Ring ring({.sq_entries = 8, .cq_entries = 16, .fixed_files = 2});
  io_uring_sqe* sqe = ring.next_sqe();
  io_uring_prep_socket_direct(sqe, AF_INET, SOCK_STREAM, 0, 1, 0);
  sqe->flags |= IOSQE_IO_LINK;
  static const int one = 1;
  prep_setsockopt_direct(ring.next_sqe(), 1, IPPROTO_TCP, TCP_NODELAY, &one);
  int seen = 0;
  while (seen < 2) {
    ring.submit_and_wait(1'000'000'000);
    io_uring_cqe* cqe = nullptr;
    while (io_uring_peek_cqe(ring.get(), &cqe) == 0) {
      EXPECT_EQ(cqe->res, 0);
      io_uring_cqe_seen(ring.get(), cqe);
      ++seen;
    }
  }
}

// RINGBENCH_LEGACY_KERNEL=1 (the io_legacy_kernel and engine_legacy_kernel suites) must really
// take the fallbacks, or those suites would test the new-kernel paths twice.
TEST(LegacyKernel, TheSwitchForcesEveryFallback) {
  if (!legacy_kernel_forced()) GTEST_SKIP() << "runs in the *_legacy_kernel suites";
  Ring ring({.sq_entries = 8, .cq_entries = 16, .fixed_files = 4});
  ASSERT_FALSE(ring.fallbacks().empty());
  EXPECT_NE(ring.fallbacks().front().find("COOP_TASKRUN"), std::string::npos) << ring.fallbacks().front();
  const BufferRingSizing sizing{.entries = 4, .buffer_size = 4096};
  EXPECT_FALSE(BufferRing(ring.get(), 1, sizing, sizing).incremental());
  EXPECT_FALSE(setsockopt_command_supported());
  EXPECT_FALSE(bind_command_supported());
}
