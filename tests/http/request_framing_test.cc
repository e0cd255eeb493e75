// -H Content-Length / Transfer-Encoding against the body of -d/-D: framing a server could
// misread is refused before the run (issue 11, item 13); framing that matches is sent.
#include <gtest/gtest.h>

#include <string>

#include "ringbench/core/error.h"
#include "ringbench/http/request_builder.h"

namespace ringbench::http {
namespace framing_test {  // named: the unity build shares one file with request_builder_test

Config post(std::string body, std::vector<Header> headers) {
  Config config;
  config.url = "http://h/";
  config.method = "POST";
  config.body = std::move(body);
  config.headers = std::move(headers);
  return config;
}

std::string build(const Config& config) { return build_request(config, parse_url(config.url)); }

// The message of the usage error, or "" when the request was built.
std::string refusal(const Config& config) {
  try {
    build(config);
    return "";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ExitCode::usage);
    return e.what();
  }
}

bool has(const std::string& request, const std::string& field) { return request.find(field) != std::string::npos; }

TEST(RequestFraming, AContentLengthThatDisagreesWithTheBodyIsRefused) {
  const std::string why = refusal(post("hello", {{"Content-Length", "3"}}));
  EXPECT_NE(why.find("Content-Length: 3"), std::string::npos) << why;
  EXPECT_NE(why.find("5-byte body"), std::string::npos) << why;
  EXPECT_EQ(why.find('\n'), std::string::npos) << why;
  for (const char* bad : {"6", "0", "5x", "+5", "-5", "5 5", "0x5", "99999999999999999999999"}) {
    EXPECT_NE(refusal(post("hello", {{"Content-Length", bad}})), "") << bad;
  }
  EXPECT_NE(refusal(post("", {{"content-length", "1"}})), "");
}

TEST(RequestFraming, AMatchingContentLengthIsSentAsGiven) {
  const std::string r = build(post("hello", {{"content-length", "5"}}));
  EXPECT_TRUE(has(r, "\r\ncontent-length: 5\r\n")) << r;
  EXPECT_FALSE(has(r, "Content-Length")) << r;  // not twice
  EXPECT_TRUE(has(build(post("hello", {{"Content-Length", "005"}})), "Content-Length: 005\r\n"));  // 1*DIGIT
  EXPECT_TRUE(has(build(post("", {{"Content-Length", "0"}})), "Content-Length: 0\r\n"));
}

TEST(RequestFraming, ContentLengthTwiceIsRefusedEvenWhenBothMatch) {
  EXPECT_NE(refusal(post("hello", {{"Content-Length", "5"}, {"content-length", "5"}})), "");
}

TEST(RequestFraming, RemovingContentLengthLeavesABodyUnframed) {
  EXPECT_NE(refusal(post("hello", {{"Content-Length", ""}})), "");
  // Without a body there is nothing to frame: removing it is the user's business.
  EXPECT_FALSE(has(build(post("", {{"Content-Length", ""}})), "Content-Length"));
}

TEST(RequestFraming, ChunkedNeedsAChunkedBody) {
  const std::string why = refusal(post("hello", {{"Transfer-Encoding", "chunked"}}));
  EXPECT_NE(why.find("chunked encoding"), std::string::npos) << why;
  EXPECT_EQ(why.find('\n'), std::string::npos) << why;
  for (const char* bad : {"", "0\r\n", "0\r\n\r", "5\r\nhello\r\n", "5\r\nhell\r\n0\r\n\r\n",
                          "5\r\nhello\r\n0\r\n\r\nGET / HTTP/1.1\r\n\r\n", "x\r\n\r\n0\r\n\r\n",
                          "5\nhello\n0\n\n", "5 \r\nhello\r\n0\r\n\r\n", "0\r\nX-T: 1\r\n",
                          "ffffffffffffffff\r\nhello\r\n0\r\n\r\n"}) {
    EXPECT_NE(refusal(post(bad, {{"Transfer-Encoding", "chunked"}})), "") << bad;
  }
}

TEST(RequestFraming, AChunkedBodyIsSentWithoutContentLength) {
  for (const char* good : {"0\r\n\r\n", "5\r\nhello\r\n0\r\n\r\n", "5;ext=1\r\nhello\r\n000\r\n\r\n",
                           "A\r\n0123456789\r\n1\r\n!\r\n0\r\nX-Trailer: 1\r\n\r\n"}) {
    const std::string r = build(post(good, {{"Transfer-Encoding", "chunked"}}));
    EXPECT_FALSE(has(r, "Content-Length")) << r;
    EXPECT_TRUE(has(r, "\r\nTransfer-Encoding: chunked\r\n")) << r;
    EXPECT_TRUE(r.ends_with(std::string("\r\n\r\n") + good)) << r;
  }
  EXPECT_NE(build(post("0\r\n\r\n", {{"transfer-encoding", "gzip, Chunked"}})), "");
}

TEST(RequestFraming, TransferEncodingMustEndInChunkedAndStandAlone) {
  EXPECT_NE(refusal(post("0\r\n\r\n", {{"Transfer-Encoding", "gzip"}})), "");
  EXPECT_NE(refusal(post("0\r\n\r\n", {{"Transfer-Encoding", "chunked, gzip"}})), "");
  EXPECT_NE(refusal(post("0\r\n\r\n", {{"Transfer-Encoding", ""}})), "");
  EXPECT_NE(refusal(post("0\r\n\r\n", {{"Transfer-Encoding", "chunked"}, {"Transfer-Encoding", "chunked"}})), "");
  const std::string both = refusal(post("0\r\n\r\n", {{"Transfer-Encoding", "chunked"}, {"Content-Length", "5"}}));
  EXPECT_NE(both.find("not both"), std::string::npos) << both;
}

}  // namespace framing_test
}  // namespace ringbench::http
