#include "request_scanner.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

using ringbench::serve::RequestScanner;
using Outcome = RequestScanner::Outcome;

namespace {

// What the scanner reported for one request: its outcome and facts, as a short string.
std::string describe(const RequestScanner& s, Outcome o) {
  switch (o) {
    case Outcome::request:
      return std::string(s.head() ? "HEAD" : "GET") + (s.http10() ? "/1.0" : "/1.1") +
             (s.keep_alive() ? " keep" : " close");
    case Outcome::bad_request:
      return "400";
    case Outcome::header_too_large:
      return "431";
    case Outcome::not_implemented:
      return "501";
    case Outcome::need_more:
      break;
  }
  return "need_more";
}

// Feeds `pieces` in order, each scanned to the end, and lists every request or error seen.
std::vector<std::string> scan_all(RequestScanner& s, const std::vector<std::string>& pieces) {
  std::vector<std::string> seen;
  for (const std::string& piece : pieces) {
    size_t at = 0;
    while (at < piece.size()) {
      Outcome o;
      const size_t used = s.scan(piece.data() + at, piece.size() - at, o);
      EXPECT_GT(used, 0u);
      at += used;
      if (o != Outcome::need_more) seen.push_back(describe(s, o));
      if (o != Outcome::need_more && o != Outcome::request) return seen;
    }
  }
  return seen;
}

std::vector<std::string> scan_all(const std::string& bytes) {
  RequestScanner s;
  return scan_all(s, {bytes});
}

using Seen = std::vector<std::string>;

const std::string get = "GET / HTTP/1.1\r\nHost: a\r\n\r\n";

}  // namespace

TEST(RequestScanner, SimpleGetEndsAtTheEmptyLine) {
  RequestScanner s;
  Outcome o;
  EXPECT_EQ(s.scan(get.data(), get.size(), o), get.size());
  EXPECT_EQ(o, Outcome::request);
  EXPECT_FALSE(s.head());
  EXPECT_FALSE(s.http10());
  EXPECT_TRUE(s.keep_alive());
}

TEST(RequestScanner, MethodVersionAndConnectionDecideTheResponse) {
  EXPECT_EQ(scan_all("HEAD / HTTP/1.1\r\n\r\n"), Seen{"HEAD/1.1 keep"});
  EXPECT_EQ(scan_all("HEADER / HTTP/1.1\r\n\r\n"), Seen{"GET/1.1 keep"});
  EXPECT_EQ(scan_all("HEA / HTTP/1.1\r\n\r\n"), Seen{"GET/1.1 keep"});
  EXPECT_EQ(scan_all("GET / HTTP/1.0\r\n\r\n"), Seen{"GET/1.0 close"});
  EXPECT_EQ(scan_all("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n"), Seen{"GET/1.0 keep"});
  EXPECT_EQ(scan_all("GET / HTTP/1.1\r\nconnection: CLOSE\r\n\r\n"), Seen{"GET/1.1 close"});
  EXPECT_EQ(scan_all("GET / HTTP/1.1\r\nConnection: upgrade,  close \r\n\r\n"), Seen{"GET/1.1 close"});
  EXPECT_EQ(scan_all("GET / HTTP/1.1\r\nConnection: closed\r\n\r\n"), Seen{"GET/1.1 keep"});
  EXPECT_EQ(scan_all("GET / HTTP/1.1\r\nConnection: clos\r\n\r\n"), Seen{"GET/1.1 keep"});
  EXPECT_EQ(scan_all("GET / HTTP/1.1\r\nX-Connection: close\r\n\r\n"), Seen{"GET/1.1 keep"});
  EXPECT_EQ(scan_all("GET / HTTP/1.0\r\nConnection: keep-alive, close\r\n\r\n"), Seen{"GET/1.0 close"});
  EXPECT_EQ(scan_all("GET / HTTP/1.9\r\n\r\n"), Seen{"GET/1.1 keep"});
}

TEST(RequestScanner, BareLineFeedsAndLeadingEmptyLinesAreAccepted) {
  EXPECT_EQ(scan_all("GET / HTTP/1.1\nHost: a\n\n"), Seen{"GET/1.1 keep"});
  EXPECT_EQ(scan_all("\r\n\r\nGET / HTTP/1.1\r\n\r\n"), Seen{"GET/1.1 keep"});
}

TEST(RequestScanner, PipelinedRequestsEndOneByOne) {
  const std::string three = get + "HEAD /x HTTP/1.1\r\n\r\n" + "GET / HTTP/1.1\r\nConnection: close\r\n\r\n";
  EXPECT_EQ(scan_all(three), (Seen{"GET/1.1 keep", "HEAD/1.1 keep", "GET/1.1 close"}));
  RequestScanner s;
  Outcome o;
  EXPECT_EQ(s.scan(three.data(), three.size(), o), get.size());  // stops after the first
  EXPECT_EQ(o, Outcome::request);
}

TEST(RequestScanner, ContentLengthBodyIsSkippedEvenIfItLooksLikeARequest) {
  const std::string body = "GET / HTTP/1.1\r\n\r\n";
  const std::string post = "POST / HTTP/1.1\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
  EXPECT_EQ(scan_all(post + get), (Seen{"GET/1.1 keep", "GET/1.1 keep"}));
  EXPECT_EQ(scan_all("POST / HTTP/1.1\r\nContent-Length:  0 \r\nContent-Length: 0\r\n\r\n"), Seen{"GET/1.1 keep"});
}

TEST(RequestScanner, EverySplitPointGivesTheSameRequests) {
  const std::string bytes = "POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nConnection: keep-alive\r\n\r\nhello" +
                            std::string("HEAD / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n") + get;
  const Seen expected{"GET/1.1 keep", "HEAD/1.0 keep", "GET/1.1 keep"};
  for (size_t cut = 0; cut <= bytes.size(); ++cut) {
    RequestScanner s;
    EXPECT_EQ(scan_all(s, {bytes.substr(0, cut), bytes.substr(cut)}), expected) << "cut at " << cut;
  }
  std::vector<std::string> bytewise;
  for (char c : bytes) bytewise.emplace_back(1, c);
  RequestScanner s;
  EXPECT_EQ(scan_all(s, bytewise), expected);
}

TEST(RequestScanner, MalformedRequestsAreBadRequests) {
  for (const char* bad : {"GARBAGE\r\n\r\n", "GET /\r\n\r\n", "GET / HTTP/2.0\r\n\r\n", "GET / HTTP/1.1x\r\n\r\n",
                          "GET  / HTTP/1.1\r\n\r\n", "GET / HTTP/1.1\rX\r\n\r\n", "GET / HTTP/1.1\r\nNoColon\r\n\r\n",
                          "GET / HTTP/1.1\r\nName : v\r\n\r\n", "GET / HTTP/1.1\r\nA: b\r\n folded\r\n\r\n",
                          "GET / HTTP/1.1\r\nContent-Length: 1x\r\n\r\n", "GET / HTTP/1.1\r\nContent-Length:\r\n\r\n",
                          "GET / HTTP/1.1\r\nContent-Length: 5, 5\r\n\r\n",
                          "GET / HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n",
                          "GET / HTTP/1.1\r\nContent-Length: 99999999999999999999\r\n\r\n", "\x16\x03\x01"}) {
    EXPECT_EQ(scan_all(bad), Seen{"400"}) << bad;
  }
}

TEST(RequestScanner, RequestBodiesWithTransferEncodingAreNotImplemented) {
  EXPECT_EQ(scan_all("POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n"), Seen{"501"});
}

TEST(RequestScanner, HeaderBlockOverTheLimitIs431) {
  const std::string big = "GET / HTTP/1.1\r\nX-Big: " + std::string(70 * 1024, 'a') + "\r\n\r\n";
  EXPECT_EQ(scan_all(big), Seen{"431"});
  RequestScanner small(64);
  EXPECT_EQ(scan_all(small, {"GET / HTTP/1.1\r\nX: " + std::string(50, 'a') + "\r\n\r\n"}), Seen{"431"});
  RequestScanner exact(uint32_t(get.size()));
  EXPECT_EQ(scan_all(exact, {get}), Seen{"GET/1.1 keep"});
}

TEST(RequestScanner, ResetForgetsAPartialRequest) {
  RequestScanner s;
  Outcome o;
  s.scan("GET / HT", 8, o);
  EXPECT_EQ(o, Outcome::need_more);
  s.reset();
  EXPECT_EQ(scan_all(s, {get}), Seen{"GET/1.1 keep"});
}
