#include "ringbench/io/buffer_ring.h"

#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <string>

#include "ringbench/io/ring.h"

using namespace ringbench::io;

namespace {

// Receives everything `writes` puts into a socketpair through one multishot recv and returns
// the bytes in CQE order, re-arming like the engine does.
std::string receive_all(bool incremental, uint32_t entries, uint32_t size, const std::string& payload,
                        bool& used_incremental) {
  Ring ring({.sq_entries = 16, .cq_entries = 64});
  const BufferRingSizing sizing{.entries = entries, .buffer_size = size};
  BufferRing buffers(ring.get(), 1, incremental ? std::optional(sizing) : std::nullopt, sizing);
  used_incremental = buffers.incremental();
  int sv[2];
  EXPECT_EQ(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
  EXPECT_EQ(write(sv[1], payload.data(), payload.size()), ssize_t(payload.size()));
  close(sv[1]);
  std::string got;
  bool armed = false, eof = false;
  while (!eof) {
    if (!armed) {
      io_uring_sqe* sqe = ring.next_sqe();
      io_uring_prep_recv_multishot(sqe, sv[0], nullptr, 0, 0);
      sqe->flags |= IOSQE_BUFFER_SELECT;
      sqe->buf_group = 1;
      armed = true;
    }
    ring.submit_and_wait(1'000'000'000);
    io_uring_cqe* cqe = nullptr;
    while (io_uring_peek_cqe(ring.get(), &cqe) == 0) {
      if (cqe->res > 0) {
        got.append(buffers.consume(*cqe), size_t(cqe->res));
        buffers.release(*cqe);
      } else if (cqe->res == 0) {
        eof = true;
      } else {
        EXPECT_EQ(cqe->res, -ENOBUFS);
      }
      if (!(cqe->flags & IORING_CQE_F_MORE)) armed = false;
      io_uring_cqe_seen(ring.get(), cqe);
    }
    buffers.publish();
  }
  close(sv[0]);
  return got;
}

std::string pattern(size_t n) {
  std::string s(n, '\0');
  for (size_t i = 0; i < n; ++i) s[i] = char('a' + i % 26);
  return s;
}

}  // namespace

TEST(BufferRing, WholeBuffersDeliverEveryByteInOrder) {
  bool inc = true;
  const std::string payload = pattern(100'000);
  EXPECT_EQ(receive_all(false, 4, 1024, payload, inc), payload);  // ring smaller than payload: recycling works
  EXPECT_FALSE(inc);
}

TEST(BufferRing, IncrementalBuffersDeliverEveryByteInOrder) {
  bool inc = false;
  const std::string payload = pattern(100'000);
  EXPECT_EQ(receive_all(true, 2, 4096, payload, inc), payload);
  if (!inc) GTEST_SKIP() << "kernel without incremental buffer consumption";
}

namespace {

// Arms one multishot recv and collects what it delivers, keeping every buffer (no release),
// until the multishot ends: on ENOBUFS once the ring is empty. Returns the bytes.
std::string receive_without_release(Ring& ring, BufferRing& buffers, int fd, int& last_res) {
  io_uring_sqe* sqe = ring.next_sqe();
  io_uring_prep_recv_multishot(sqe, fd, nullptr, 0, 0);  // a plain fd: no prep_multishot_recv
  sqe->flags |= IOSQE_BUFFER_SELECT;
  sqe->buf_group = buffers.group_id();
  std::string got;
  for (bool more = true; more;) {
    ring.submit_and_wait(1'000'000'000);
    io_uring_cqe* cqe = nullptr;
    while (more && io_uring_peek_cqe(ring.get(), &cqe) == 0) {
      last_res = cqe->res;
      if (cqe->res > 0) got.append(buffers.consume(*cqe), size_t(cqe->res));
      more = cqe->flags & IORING_CQE_F_MORE;
      io_uring_cqe_seen(ring.get(), cqe);
    }
  }
  return got;
}

}  // namespace

// grow() doubles the buffers in circulation with new ones, up to the maximum given.
TEST(BufferRing, GrowAddsNewBuffersUpToTheMaximum) {
  Ring ring({.sq_entries = 16, .cq_entries = 64});
  BufferRing buffers(ring.get(), 2, std::nullopt, {.entries = 2, .buffer_size = 1024, .max_entries = 8});
  EXPECT_EQ(buffers.memory_bytes(), 2048u);
  int sv[2];
  ASSERT_EQ(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
  const std::string payload = pattern(8 * 1024 + 100);
  ASSERT_EQ(write(sv[1], payload.data(), payload.size()), ssize_t(payload.size()));
  std::string got;
  int last_res = 0;
  for (const uint64_t memory : {2048u, 4096u, 8192u}) {
    EXPECT_EQ(buffers.memory_bytes(), memory);
    const std::string part = receive_without_release(ring, buffers, sv[0], last_res);
    EXPECT_EQ(part.size(), memory - got.size()) << "every buffer in circulation filled once";
    EXPECT_EQ(last_res, -ENOBUFS);
    got += part;
    buffers.grow();
    buffers.publish();
  }
  EXPECT_FALSE(buffers.grow()) << "already at the maximum of 8 buffers";
  EXPECT_EQ(got, payload.substr(0, got.size()));
  close(sv[0]);
  close(sv[1]);
}
