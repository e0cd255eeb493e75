// How make_plan splits -c and -n across workers: every connection and every request is given
// to exactly one worker, evenly (the first workers take the remainder), and no worker is
// planned without a connection or a request to run.
#include <gtest/gtest.h>

#include <numeric>

#include "ringbench/engine/plan.h"
#include "run_helpers.h"

namespace ringbench::testing {
namespace {

struct Split {
  std::vector<uint32_t> connections;
  std::vector<uint64_t> quotas;
};

Split split_of(uint16_t port, uint64_t requests, uint32_t concurrency, uint32_t threads) {
  const engine::Plan plan = engine::make_plan(config_for(port, requests, concurrency, threads));
  Split s;
  for (const engine::WorkerPlan& w : plan.workers) {
    s.connections.push_back(w.connections);
    s.quotas.push_back(w.quota.value_or(0));
  }
  return s;
}

TEST(PlanSplit, RemaindersGoToTheFirstWorkers) {
  InProcessServer server;
  const Split s = split_of(server.port(), 7, 5, 3);
  EXPECT_EQ(s.connections, (std::vector<uint32_t>{2, 2, 1}));
  EXPECT_EQ(s.quotas, (std::vector<uint64_t>{3, 2, 2}));
}

TEST(PlanSplit, EveryRequestAndConnectionIsPlannedOnce) {
  InProcessServer server;
  for (uint64_t n : {1u, 2u, 999u, 1000u, 1001u}) {
    for (uint32_t threads : {1u, 2u, 3u, 4u}) {
      const Split s = split_of(server.port(), n, 10, threads);
      EXPECT_EQ(std::accumulate(s.quotas.begin(), s.quotas.end(), uint64_t{0}), n) << n << " over " << threads;
      EXPECT_EQ(std::accumulate(s.connections.begin(), s.connections.end(), 0u), 10u) << n << " over " << threads;
    }
  }
}

TEST(PlanSplit, NoWorkerWithoutAConnectionOrARequest) {
  InProcessServer server;
  EXPECT_EQ(split_of(server.port(), 100, 2, 4).connections, (std::vector<uint32_t>{1, 1}));  // 2 connections: 2 workers
  EXPECT_EQ(split_of(server.port(), 1, 8, 4).quotas, (std::vector<uint64_t>{1}));  // 1 request: 1 worker
}

}  // namespace
}  // namespace ringbench::testing
