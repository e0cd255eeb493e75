#include "response_templates.h"

#include <gtest/gtest.h>

#include <string>

using ringbench::serve::closes_connection;
using ringbench::serve::ok_response;
using ringbench::serve::ResponseKind;
using ringbench::serve::ResponseTemplates;

TEST(ResponseTemplates, DefaultResponseIsExactly) {
  const ResponseTemplates t(2, false);
  EXPECT_EQ(t.single(ResponseKind::ok),
            "HTTP/1.1 200 OK\r\nServer: ringbench\r\nContent-Length: 2\r\nContent-Type: text/plain\r\n\r\nok");
  EXPECT_EQ(t.single(ResponseKind::ok_head),
            "HTTP/1.1 200 OK\r\nServer: ringbench\r\nContent-Length: 2\r\nContent-Type: text/plain\r\n\r\n");
  EXPECT_EQ(t.single(ResponseKind::ok_close),
            "HTTP/1.1 200 OK\r\nServer: ringbench\r\nContent-Length: 2\r\nContent-Type: text/plain\r\n"
            "Connection: close\r\n\r\nok");
  EXPECT_EQ(t.single(ResponseKind::ok_keep_alive_10),
            "HTTP/1.1 200 OK\r\nServer: ringbench\r\nContent-Length: 2\r\nContent-Type: text/plain\r\n"
            "Connection: keep-alive\r\n\r\nok");
}

TEST(ResponseTemplates, BatchesAreBackToBackCopies) {
  const ResponseTemplates t(2, false);
  const std::string one(t.single(ResponseKind::ok));
  EXPECT_EQ(t.batch_limit(ResponseKind::ok), ResponseTemplates::max_batch);
  EXPECT_EQ(t.batch(ResponseKind::ok, 3), one + one + one);
  EXPECT_EQ(t.batch_limit(ResponseKind::ok_close), 1u);
  EXPECT_EQ(t.batch_limit(ResponseKind::bad_request), 1u);
  const ResponseTemplates big(1 << 20, false);
  EXPECT_EQ(big.batch_limit(ResponseKind::ok), 1u);
  EXPECT_EQ(big.batch_limit(ResponseKind::ok_head), ResponseTemplates::max_batch);
}

TEST(ResponseTemplates, ChunkedBodyIsSplitInto16KiBChunks) {
  const uint64_t size = 40000;  // 0x4000 + 0x4000 + 0x1c40
  const ResponseTemplates t(size, true);
  const std::string body = ResponseTemplates::make_body(size);
  const std::string expected = "HTTP/1.1 200 OK\r\nServer: ringbench\r\nTransfer-Encoding: chunked\r\n"
                               "Content-Type: text/plain\r\n\r\n4000\r\n" + body.substr(0, 16384) + "\r\n4000\r\n" +
                               body.substr(16384, 16384) + "\r\n1c40\r\n" + body.substr(32768) + "\r\n0\r\n\r\n";
  EXPECT_EQ(t.single(ResponseKind::ok), expected);
  // HTTP/1.0 clients cannot decode chunked.
  EXPECT_NE(t.single(ResponseKind::ok_close_10).find("Content-Length: 40000\r\n"), std::string::npos);
  const ResponseTemplates empty(0, true);
  EXPECT_EQ(empty.single(ResponseKind::ok).substr(empty.single(ResponseKind::ok_head).size()), "0\r\n\r\n");
}

TEST(ResponseTemplates, BodyIsAReadablePattern) {
  EXPECT_EQ(ResponseTemplates::make_body(2), "ok");
  EXPECT_EQ(ResponseTemplates::make_body(0), "");
  const std::string b = ResponseTemplates::make_body(128);
  EXPECT_EQ(b.substr(0, 3), "abc");
  EXPECT_EQ(b[63], '\n');
  EXPECT_EQ(b[127], '\n');
}

TEST(ResponseTemplates, KindFollowsTheRequest) {
  EXPECT_EQ(ok_response(false, false, true), ResponseKind::ok);
  EXPECT_EQ(ok_response(true, false, false), ResponseKind::ok_head_close);
  EXPECT_EQ(ok_response(false, true, true), ResponseKind::ok_keep_alive_10);
  EXPECT_EQ(ok_response(true, true, false), ResponseKind::ok_head_close_10);
  EXPECT_FALSE(closes_connection(ResponseKind::ok_head_keep_alive_10));
  EXPECT_TRUE(closes_connection(ResponseKind::ok_close_10));
  EXPECT_TRUE(closes_connection(ResponseKind::not_implemented));
}
