// The server's HTTP behaviour, seen through real loopback sockets.
#include <sys/socket.h>

#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "loopback_client.h"
#include "running_server.h"

using namespace ringbench::serve;
using namespace ringbench::serve::testing;
using namespace std::chrono_literals;

namespace {

const std::string ok_headers =
    "HTTP/1.1 200 OK\r\nServer: ringbench\r\nContent-Length: 2\r\nContent-Type: text/plain\r\n";

}  // namespace

TEST(ServerHttp, GetIsAnsweredWithExactBytes) {
  RunningServer s;
  LoopbackClient c(s.port());
  c.send(get_request());
  EXPECT_EQ(c.read_response().raw, ok_headers + "\r\nok");
  EXPECT_EQ(s.server().requests_served(), 1u);
  EXPECT_EQ(s.server().connections_accepted(), 1u);
}

TEST(ServerHttp, KeepAliveServesManyRequestsOnOneConnection) {
  RunningServer s;
  LoopbackClient c(s.port());
  for (int i = 0; i < 100; ++i) {
    c.send(get_request());
    const Response r = c.read_response();
    ASSERT_EQ(r.status, 200);
    EXPECT_TRUE(r.keep_alive);
  }
  EXPECT_EQ(s.server().requests_served(), 100u);
  EXPECT_EQ(s.server().connections_accepted(), 1u);
}

TEST(ServerHttp, PipelinedRequestsInOneWriteAreAnsweredInOrder) {
  RunningServer s;
  LoopbackClient c(s.port());
  std::string burst;
  for (int i = 0; i < 50; ++i) burst += get_request();
  c.send(burst);
  for (int i = 0; i < 50; ++i) {
    const Response r = c.read_response();
    ASSERT_EQ(r.raw, ok_headers + "\r\nok") << "response " << i;
  }
  EXPECT_EQ(s.server().requests_served(), 50u);
}

TEST(ServerHttp, PipelinedMixOfGetAndHeadKeepsOrder) {
  RunningServer s;
  LoopbackClient c(s.port());
  auto is_head = [](int i) { return i % 3 == 0 || i % 7 == 0; };
  std::string burst;
  for (int i = 0; i < 60; ++i) burst += get_request("", is_head(i) ? "HEAD" : "GET");
  burst += get_request("Connection: close\r\n");
  c.send(burst);
  for (int i = 0; i < 60; ++i) {
    const Response r = c.read_response(is_head(i));
    ASSERT_EQ(r.raw, ok_headers + (is_head(i) ? "\r\n" : "\r\nok")) << "response " << i;
  }
  EXPECT_EQ(c.read_response().raw, ok_headers + "Connection: close\r\n\r\nok");
  EXPECT_TRUE(c.closed_by_peer());
  EXPECT_EQ(s.server().requests_served(), 61u);
}

TEST(ServerHttp, RequestSplitOneBytePerWriteIsAnswered) {
  RunningServer s;
  LoopbackClient c(s.port());
  const std::string request = get_request("Content-Length: 3\r\n") + "abc";
  for (char byte : request) {
    c.send(std::string(1, byte));
    std::this_thread::sleep_for(1ms);
  }
  EXPECT_EQ(c.read_response().raw, ok_headers + "\r\nok");
  EXPECT_EQ(s.server().requests_served(), 1u);
}

TEST(ServerHttp, HeadHasTheHeadersButNoBody) {
  RunningServer s;
  LoopbackClient c(s.port());
  c.send(get_request("", "HEAD"));
  EXPECT_EQ(c.read_response(true).raw, ok_headers + "\r\n");
  c.send(get_request());  // no stray body bytes before this response
  EXPECT_EQ(c.read_response().raw, ok_headers + "\r\nok");
}

TEST(ServerHttp, ConnectionCloseClosesAfterTheResponse) {
  RunningServer s;
  LoopbackClient c(s.port());
  c.send(get_request("Connection: close\r\n"));
  const Response r = c.read_response();
  EXPECT_EQ(r.raw, ok_headers + "Connection: close\r\n\r\nok");
  EXPECT_FALSE(r.keep_alive);
  EXPECT_TRUE(c.closed_by_peer());
}

TEST(ServerHttp, Http10ClosesUnlessAskedToKeepAlive) {
  RunningServer s;
  {
    LoopbackClient c(s.port());
    c.send("GET / HTTP/1.0\r\n\r\n");
    EXPECT_EQ(c.read_response().raw, ok_headers + "Connection: close\r\n\r\nok");
    EXPECT_TRUE(c.closed_by_peer());
  }
  LoopbackClient c(s.port());
  for (int i = 0; i < 3; ++i) {
    c.send("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n");
    EXPECT_EQ(c.read_response().raw, ok_headers + "Connection: keep-alive\r\n\r\nok");
  }
  EXPECT_EQ(s.server().requests_served(), 4u);
}

TEST(ServerHttp, ChunkedBodyDecodes) {
  RunningServer s({.body_size = 40000, .chunked = true});
  LoopbackClient c(s.port());
  for (int i = 0; i < 3; ++i) c.send(get_request());
  for (int i = 0; i < 3; ++i) {
    const Response r = c.read_response();
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.body_bytes, 40000u);
    EXPECT_NE(r.raw.find("Transfer-Encoding: chunked\r\n"), std::string::npos);
  }
}

TEST(ServerHttp, LargeBodyArrivesWhole) {
  RunningServer s({.body_size = 3 << 20});
  LoopbackClient c(s.port());
  c.send(get_request() + get_request());
  for (int i = 0; i < 2; ++i) EXPECT_EQ(c.read_response().body_bytes, uint64_t(3 << 20));
}

TEST(ServerHttp, DelayedResponsesWaitAndKeepOrder) {
  constexpr auto delay = 400ms;
  RunningServer s({.delay = delay});
  LoopbackClient c(s.port());
  const auto start = std::chrono::steady_clock::now();
  c.send(get_request("", "HEAD") + get_request());
  EXPECT_EQ(c.read_response(true).raw, ok_headers + "\r\n");
  const auto first = std::chrono::steady_clock::now();
  EXPECT_GE(first - start, delay);
  c.send(get_request("", "HEAD"));  // the GET is still owed before this one
  EXPECT_EQ(c.read_response().raw, ok_headers + "\r\nok");
  // The pipelined pair was delayed once, not twice: the GET follows the HEAD at once (the
  // bound is a whole delay, so a loaded CI machine's stalls do not fail it).
  EXPECT_LT(std::chrono::steady_clock::now() - first, delay);
  EXPECT_EQ(c.read_response(true).raw, ok_headers + "\r\n");
  EXPECT_GE(std::chrono::steady_clock::now() - first, delay);  // sent after the first answer
}

// Sequential requests under --delay 2ms --jitter 4ms: none is early, and the waits differ
// (a fixed delay would put all 30 within a millisecond or so of each other).
TEST(ServerHttp, JitterSpreadsTheDelay) {
  RunningServer s({.delay = 2ms, .jitter = 4ms});
  LoopbackClient c(s.port());
  std::chrono::nanoseconds shortest = std::chrono::hours(1), longest{0};
  for (int i = 0; i < 30; ++i) {
    const auto start = std::chrono::steady_clock::now();
    c.send(get_request());
    EXPECT_EQ(c.read_response().body_bytes, 2u);
    const auto waited = std::chrono::steady_clock::now() - start;
    shortest = std::min(shortest, std::chrono::nanoseconds(waited));
    longest = std::max(longest, std::chrono::nanoseconds(waited));
  }
  EXPECT_GE(shortest, 2ms);
  EXPECT_GT(longest - shortest, 3ms);
}

// --capacity 1 --delay 30ms: three clients asking at once are served one after another, so
// the last answer cannot come before 90 ms (without the limit all three take 30 ms).
TEST(ServerHttp, CapacityQueuesRequestsBeyondIt) {
  RunningServer s({.delay = 30ms, .capacity = 1});
  std::vector<std::unique_ptr<LoopbackClient>> clients;
  for (int i = 0; i < 3; ++i) clients.push_back(std::make_unique<LoopbackClient>(s.port()));
  const auto start = std::chrono::steady_clock::now();
  for (auto& c : clients) c->send(get_request());
  for (auto& c : clients) EXPECT_EQ(c->read_response().body_bytes, 2u);
  EXPECT_GE(std::chrono::steady_clock::now() - start, 90ms);
}

TEST(ServerHttp, MalformedRequestGets400ThenClose) {
  RunningServer s;
  LoopbackClient c(s.port());
  c.send("NOT HTTP AT ALL\r\n\r\n");
  const Response r = c.read_response();
  EXPECT_EQ(r.status, 400);
  EXPECT_FALSE(r.keep_alive);
  EXPECT_TRUE(c.closed_by_peer());
  EXPECT_EQ(s.server().requests_served(), 0u);
}

TEST(ServerHttp, RequestsBeforeAMalformedOneAreAnswered) {
  RunningServer s;
  LoopbackClient c(s.port());
  c.send(get_request() + get_request() + "GET / HTTP/1.1\r\nbad header\r\n\r\n" + get_request());
  EXPECT_EQ(c.read_response().status, 200);
  EXPECT_EQ(c.read_response().status, 200);
  EXPECT_EQ(c.read_response().status, 400);
  EXPECT_TRUE(c.closed_by_peer());
  EXPECT_EQ(s.server().requests_served(), 2u);
}

TEST(ServerHttp, OversizedHeaderBlockGets431) {
  RunningServer s;
  LoopbackClient c(s.port());
  c.send(get_request("X-Big: " + std::string(70 * 1024, 'x') + "\r\n"));
  EXPECT_EQ(c.read_response().status, 431);
  EXPECT_TRUE(c.closed_by_peer());
}

TEST(ServerHttp, ChunkedRequestBodyGets501) {
  RunningServer s;
  LoopbackClient c(s.port());
  c.send("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n");
  EXPECT_EQ(c.read_response().status, 501);
  EXPECT_TRUE(c.closed_by_peer());
}

TEST(ServerHttp, RequestBodyIsSkipped) {
  RunningServer s;
  LoopbackClient c(s.port());
  const std::string body(100000, 'b');
  c.send(get_request("Content-Length: 100000\r\n", "POST") + body + get_request());
  EXPECT_EQ(c.read_response().status, 200);
  EXPECT_EQ(c.read_response().status, 200);
  EXPECT_EQ(s.server().requests_served(), 2u);
}

TEST(ServerHttp, HalfClosedClientStillGetsItsResponses) {
  RunningServer s;
  LoopbackClient c(s.port());
  c.send(get_request() + get_request());
  shutdown(c.fd(), SHUT_WR);
  EXPECT_EQ(c.read_response().status, 200);
  EXPECT_EQ(c.read_response().status, 200);
  EXPECT_TRUE(c.closed_by_peer());
}

TEST(ServerHttp, HugePipelinedBurstsOnManyConnectionsAreCountedExactly) {
  // Far more request bytes than the receive buffers hold, written before reading anything:
  // the server must keep receiving (re-arming on ENOBUFS) while its sends wait for us.
  RunningServer s;
  std::vector<std::unique_ptr<LoopbackClient>> clients;
  std::string burst;
  for (int i = 0; i < 2000; ++i) burst += get_request();
  for (int i = 0; i < 40; ++i) {
    clients.push_back(std::make_unique<LoopbackClient>(s.port()));
    clients.back()->send(burst);
  }
  for (auto& c : clients) {
    for (int i = 0; i < 2000; ++i) ASSERT_EQ(c->read_response().status, 200);
  }
  EXPECT_EQ(s.server().requests_served(), 80000u);
}
