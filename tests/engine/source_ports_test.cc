// The source (address, port) pairs workers bind their connections to: spread over the addresses
// first, inside the port range, disjoint between workers, and a bounded number of retries.
#include <arpa/inet.h>
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <utility>

#include "source_ports.h"

namespace ringbench::engine {
namespace {

std::vector<sockaddr_in> loopback_sources(uint32_t count) {
  std::vector<sockaddr_in> all;
  for (uint32_t i = 0; i < count; ++i) {
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl((127u << 24) | (i + 2));
    all.push_back(a);
  }
  return all;
}

using Pair = std::pair<uint32_t, uint16_t>;  // address (host order), port

Pair pair_of(const sockaddr_in& a) { return {ntohl(a.sin_addr.s_addr), ntohs(a.sin_port)}; }

TEST(SourcePorts, ConsecutiveConnectionsTakeEveryAddressBeforeReusingOne) {
  SourcePorts ports(loopback_sources(4), PortRange{40000, 40099}, 0, 0, 1, 8);
  std::map<uint32_t, int> per_address;
  for (uint32_t slot = 0; slot < 8; ++slot) ++per_address[pair_of(ports.assign(slot)).first];
  EXPECT_EQ(per_address.size(), 4u);
  for (const auto& [address, count] : per_address) EXPECT_EQ(count, 2) << address;
}

TEST(SourcePorts, PairsStayInTheRangeAndWorkersNeverShareOne) {
  const PortRange range{50000, 50009};  // 10 ports x 3 addresses = 30 pairs
  std::set<Pair> taken;
  for (uint32_t worker = 0; worker < 3; ++worker) {
    SourcePorts ports(loopback_sources(3), range, 12345, worker, 3, 10);
    for (uint32_t slot = 0; slot < 10; ++slot) {
      const Pair p = pair_of(ports.assign(slot));
      EXPECT_GE(p.second, range.low);
      EXPECT_LE(p.second, range.high);
      EXPECT_TRUE(taken.insert(p).second) << "worker " << worker << " reused " << p.first << ":" << p.second;
    }
  }
  EXPECT_EQ(taken.size(), 30u);  // together they cover every pair once
}

TEST(SourcePorts, ATakenPairIsRetriedABoundedNumberOfTimesPerConnection) {
  SourcePorts ports(loopback_sources(1), PortRange{60000, 60999}, 7, 0, 1, 2);
  ports.assign(0);
  uint32_t retries = 0;
  while (ports.may_retry(0)) {
    ports.assign(0);
    ++retries;
  }
  EXPECT_EQ(retries, SourcePorts::max_tries - 1);
  ports.settled(0);
  EXPECT_TRUE(ports.may_retry(0));  // a new connect starts a new count
  EXPECT_TRUE(ports.may_retry(1));  // and each slot counts its own
}

TEST(SourcePorts, ARetryLeavesARunOfTakenPairs) {
  // Taken pairs come in runs (an earlier run walked them in the same order); after a retry
  // the walk goes on somewhere else, so a connection does not meet the whole run.
  SourcePorts ports(loopback_sources(1), PortRange{30000, 59999}, 0, 0, 1, 1);
  const uint16_t first = pair_of(ports.assign(0)).second;
  ASSERT_TRUE(ports.may_retry(0));
  const uint16_t next = pair_of(ports.assign(0)).second;
  EXPECT_GT(std::abs(int(next) - int(first)), 64) << first << " then " << next;
}

}  // namespace
}  // namespace ringbench::engine
