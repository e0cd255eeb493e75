// The send policy with a chosen clock: sends are prepared in order, submitted in chunks of
// send_chunk, each request stamped with the time read just before the submit that carries
// it, and a lone leftover handed back to go with the loop's wait only where that is allowed.
#include "send_stamper.h"

#include <gtest/gtest.h>

#include <numeric>
#include <string>
#include <vector>

namespace ringbench::engine {
namespace {

struct Recorded {
  std::string events;  // p = prepare, t = clock read, S = submit, in order
  std::vector<uint64_t> stamps;  // per slot; 0 = never stamped
  std::optional<uint32_t> lone;
};

Recorded run_sends(size_t count, bool lone_may_wait) {
  std::vector<uint32_t> slots(count);
  std::iota(slots.begin(), slots.end(), 0u);
  Recorded r;
  r.stamps.assign(count, 0);
  uint64_t clock = 0;
  r.lone = submit_in_chunks(
      slots, lone_may_wait, [&](uint32_t) { r.events += 'p'; }, [&] { r.events += 'S'; },
      [&] {
        r.events += 't';
        return clock += 10;
      },
      [&](uint32_t slot, uint64_t start) { r.stamps[slot] = start; });
  return r;
}

std::string chunk_events(size_t sends) { return std::string(sends, 'p') + "tS"; }

TEST(SendStamper, ChunksAreSubmittedWithTheTimeReadJustBefore) {
  const Recorded r = run_sends(2 * send_chunk + 1, false);
  EXPECT_EQ(r.events, chunk_events(send_chunk) + chunk_events(send_chunk) + chunk_events(1));
  for (size_t i = 0; i < send_chunk; ++i) EXPECT_EQ(r.stamps[i], 10u) << i;
  for (size_t i = send_chunk; i < 2 * send_chunk; ++i) EXPECT_EQ(r.stamps[i], 20u) << i;
  EXPECT_EQ(r.stamps[2 * send_chunk], 30u);
  EXPECT_FALSE(r.lone);
}

TEST(SendStamper, ALoneLeftoverWaitsForTheLoopsSubmitWhereAllowed) {
  const Recorded r = run_sends(send_chunk + 1, true);
  EXPECT_EQ(r.events, chunk_events(send_chunk) + "p");  // prepared, not submitted
  ASSERT_TRUE(r.lone);
  EXPECT_EQ(*r.lone, uint32_t(send_chunk));
  EXPECT_EQ(r.stamps[send_chunk], 0u);  // stamped later, just before the wait
}

TEST(SendStamper, TwoLeftoversOrAFullChunkAreNeverLeftBehind) {
  EXPECT_EQ(run_sends(2, true).events, chunk_events(2));
  EXPECT_FALSE(run_sends(2, true).lone);
  EXPECT_EQ(run_sends(send_chunk, true).events, chunk_events(send_chunk));
  EXPECT_FALSE(run_sends(send_chunk, true).lone);
}

TEST(SendStamper, ASingleSendWithAnAcknowledgedModeIsSubmittedAtOnce) {
  const Recorded r = run_sends(1, false);  // TLS or zero-copy: its CQE would end the wait early
  EXPECT_EQ(r.events, chunk_events(1));
  EXPECT_EQ(r.stamps[0], 10u);
}

TEST(SendStamper, NothingToSendTouchesNothing) {
  const Recorded r = run_sends(0, true);
  EXPECT_EQ(r.events, "");
  EXPECT_FALSE(r.lone);
}

}  // namespace
}  // namespace ringbench::engine
