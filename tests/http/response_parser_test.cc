// Status line, header fields, Content-Length, connection handling, no-body responses,
// interim responses and pipelining. Every case is fed whole, byte by byte and split randomly.
#include "ringbench/http/response_parser.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "response_feeder.h"

namespace ringbench::http {
namespace {

using testing::complete;
using testing::expect_all_ways;
using testing::expect_error;
using testing::expect_one;
using testing::FeedOptions;
using Result = ResponseParser::Result;

const std::string hello = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello";

TEST(ResponseParser, ContentLengthBody) {
  EXPECT_EQ(expect_one(hello), complete(200, 5, true, hello.size()));
}

TEST(ResponseParser, ReportsStateThroughTheResponse) {
  ResponseParser parser;
  size_t consumed = 99;
  EXPECT_FALSE(parser.started());
  EXPECT_EQ(parser.feed(hello.data(), 0, consumed), Result::need_more);
  EXPECT_EQ(consumed, 0u);
  EXPECT_FALSE(parser.started());
  EXPECT_EQ(parser.feed(hello.data(), 10, consumed), Result::need_more);
  EXPECT_EQ(consumed, 10u);
  EXPECT_TRUE(parser.started());
  EXPECT_FALSE(parser.headers_done());
  EXPECT_EQ(parser.feed(hello.data() + 10, hello.size() - 12, consumed), Result::need_more);
  EXPECT_TRUE(parser.headers_done());
  EXPECT_EQ(parser.status(), 200);
  EXPECT_EQ(parser.body_bytes(), 3u);
  EXPECT_EQ(parser.feed(hello.data() + hello.size() - 2, 2, consumed), Result::complete);
  EXPECT_EQ(consumed, 2u);
  // Complete stays complete until start(); nothing more is consumed.
  EXPECT_EQ(parser.feed(hello.data(), hello.size(), consumed), Result::complete);
  EXPECT_EQ(consumed, 0u);
  parser.start(false);
  EXPECT_FALSE(parser.started());
  EXPECT_EQ(parser.status(), 0);
  EXPECT_EQ(parser.body_bytes(), 0u);
}

TEST(ResponseParser, EofBeforeAnyByteIsLeftToTheCaller) {
  ResponseParser parser;
  EXPECT_EQ(parser.feed_eof(), Result::need_more);
  EXPECT_EQ(parser.error(), ParseError::none);
}

TEST(ResponseParser, ReasonPhraseMayBeEmptyOrMissing) {
  for (std::string line : {"HTTP/1.1 200 \r\n", "HTTP/1.1 200\r\n", "HTTP/1.1 200 A longer\treason é\r\n"}) {
    const std::string wire = line + "Content-Length: 2\r\n\r\nok";
    EXPECT_EQ(expect_one(wire), complete(200, 2, true, wire.size())) << line;
  }
}

TEST(ResponseParser, Http10DefaultsToClose) {
  const std::string plain = "HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok";
  EXPECT_EQ(expect_one(plain), complete(200, 2, false, plain.size()));
  const std::string kept = "HTTP/1.0 200 OK\r\nConnection: Keep-Alive\r\nContent-Length: 2\r\n\r\nok";
  EXPECT_EQ(expect_one(kept), complete(200, 2, true, kept.size()));
}

TEST(ResponseParser, LaterMinorVersionsActLikeHttp11) {
  const std::string wire = "HTTP/1.2 200 OK\r\nContent-Length: 0\r\n\r\n";
  EXPECT_EQ(expect_one(wire), complete(200, 0, true, wire.size()));
}

TEST(ResponseParser, ConnectionIsACaseInsensitiveTokenList) {
  struct Case {
    const char* value;
    bool keep_alive;
  };
  for (const Case& c :
       {Case{"close", false}, Case{"CLOSE", false}, Case{"upgrade, close", false},
        Case{" foo ,Close , bar", false}, Case{"closed", true}, Case{"clos", true}, Case{"close-ish", true},
        Case{"keep-alive", true}, Case{"", true}, Case{"x close", true}, Case{",,close,,", false}}) {
    const std::string wire =
        std::string("HTTP/1.1 200 OK\r\nConnection: ") + c.value + "\r\nContent-Length: 1\r\n\r\nx";
    EXPECT_EQ(expect_one(wire), complete(200, 1, c.keep_alive, wire.size())) << c.value;
  }
}

TEST(ResponseParser, HeaderNamesAreCaseInsensitiveAndValuesTrimmed) {
  const std::string wire =
      "HTTP/1.1 200 OK\r\nX-Other: 1\r\ncontent-LENGTH: \t 0003 \t\r\nConnection:close\r\n\r\nabc";
  EXPECT_EQ(expect_one(wire), complete(200, 3, false, wire.size()));
}

TEST(ResponseParser, NamesThatMerelyStartLikeKnownOnesAreIgnored) {
  const std::string wire =
      "HTTP/1.1 200 OK\r\nContent-Lengthy: 99\r\nContent-Len: x\r\nConnections: close\r\n"
      "Transfer-Encoding-X: chunked\r\nContent-Length: 1\r\n\r\nx";
  EXPECT_EQ(expect_one(wire), complete(200, 1, true, wire.size()));
}

TEST(ResponseParser, RepeatedContentLengthMustAgree) {
  const std::string listed = "HTTP/1.1 200 OK\r\nContent-Length: 5, 5,05\r\n\r\nhello";
  EXPECT_EQ(expect_one(listed), complete(200, 5, true, listed.size()));
  const std::string repeated = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 5\r\n\r\nhello";
  EXPECT_EQ(expect_one(repeated), complete(200, 5, true, repeated.size()));
  expect_error("HTTP/1.1 200 OK\r\nContent-Length: 5, 6\r\n\r\nhello",
               ParseError::conflicting_content_length);
  expect_error("HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 4\r\n\r\n",
               ParseError::conflicting_content_length);
}

TEST(ResponseParser, ZeroContentLengthCompletesAtTheHeaderEnd) {
  const std::string wire = "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n";
  EXPECT_EQ(expect_one(wire), complete(200, 0, true, wire.size()));
}

TEST(ResponseParser, NoBodyForHead204And304WhateverTheHeaders) {
  const std::string head = "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n";
  EXPECT_EQ(expect_one(head, {.head = true}), complete(200, 0, true, head.size()));
  const std::string head_chunked = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n";
  EXPECT_EQ(expect_one(head_chunked, {.head = true}), complete(200, 0, true, head_chunked.size()));
  const std::string no_content = "HTTP/1.1 204 No Content\r\nContent-Length: 7\r\n\r\n";
  EXPECT_EQ(expect_one(no_content), complete(204, 0, true, no_content.size()));
  const std::string not_modified = "HTTP/1.1 304 Not Modified\r\nTransfer-Encoding: chunked\r\n\r\n";
  EXPECT_EQ(expect_one(not_modified), complete(304, 0, true, not_modified.size()));
}

TEST(ResponseParser, InterimResponsesAreSkipped) {
  const std::string wire =
      "HTTP/1.1 100 Continue\r\n\r\n"
      "HTTP/1.1 103 Early Hints\r\nLink: </style.css>; rel=preload\r\nConnection: close\r\n"
      "Content-Length: 9\r\n\r\n"
      "HTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\nok";
  // The interim Connection and Content-Length do not leak into the final response.
  EXPECT_EQ(expect_one(wire), complete(201, 2, true, wire.size()));
}

TEST(ResponseParser, SwitchingProtocolsIsAnError) {
  expect_error("HTTP/1.1 101 Switching Protocols\r\nUpgrade: h2c\r\n\r\n", ParseError::bad_status_code);
}

TEST(ResponseParser, NoFramingMeansCloseDelimited) {
  const std::string wire = "HTTP/1.1 200 OK\r\nServer: x\r\n\r\nsome body bytes";
  EXPECT_EQ(expect_one(wire, {.eof = true}), complete(200, 15, false, wire.size()));
  // Without EOF it simply wants more.
  const auto open = expect_one(wire);
  EXPECT_EQ(open.result, Result::need_more);
  EXPECT_EQ(open.body_bytes, 15u);
  const std::string empty = "HTTP/1.0 200 OK\r\n\r\n";
  EXPECT_EQ(expect_one(empty, {.eof = true}), complete(200, 0, false, empty.size()));
}

TEST(ResponseParser, PipelinedResponsesEndExactly) {
  const std::string first = "HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nabc";
  const std::string second =
      "HTTP/1.1 404 Not Found\r\nTransfer-Encoding: chunked\r\n\r\n2\r\nno\r\n0\r\n\r\n";
  const std::string third = "HTTP/1.1 204 No Content\r\n\r\n";
  const std::string fourth = "HTTP/1.1 500 Oops\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
  const std::string wire = first + second + third + fourth;
  const auto outcomes = expect_all_ways(wire, {.eof = true});
  size_t end = first.size();
  ASSERT_EQ(outcomes.size(), 4u);
  EXPECT_EQ(outcomes[0], complete(200, 3, true, end));
  EXPECT_EQ(outcomes[1], complete(404, 2, true, end += second.size()));
  EXPECT_EQ(outcomes[2], complete(204, 0, true, end += third.size()));
  EXPECT_EQ(outcomes[3], complete(500, 0, false, end += fourth.size()));
}

TEST(ResponseParser, ManyPipelinedResponses) {
  std::string wire;
  for (int i = 0; i < 50; ++i) {
    wire += "HTTP/1.1 200 OK\r\nContent-Length: " + std::to_string(i) + "\r\n\r\n" + std::string(i, 'x');
  }
  const auto outcomes = expect_all_ways(wire);
  ASSERT_EQ(outcomes.size(), 50u);
  for (size_t i = 0; i < outcomes.size(); ++i) {
    EXPECT_EQ(outcomes[i].result, Result::complete) << i;
    EXPECT_EQ(outcomes[i].body_bytes, i);
  }
  EXPECT_EQ(outcomes.back().end, wire.size());
}

TEST(ResponseParser, BareLfEndsLines) {
  const std::string wire = "HTTP/1.1 200 OK\nX-A: b\nContent-Length: 2\n\nok";
  EXPECT_EQ(expect_one(wire), complete(200, 2, true, wire.size()));
  const std::string chunked = "HTTP/1.1 200\nTransfer-Encoding: chunked\n\n2;x\nok\n0\nT: v\n\n";
  EXPECT_EQ(expect_one(chunked), complete(200, 2, true, chunked.size()));
}

TEST(ResponseParser, ObsFoldIsAcceptedOnlyWhereItCannotChangeFraming) {
  const std::string folded = "HTTP/1.1 200 OK\r\nX-Long: a\r\n  b\r\n\tc\r\nContent-Length: 1\r\n\r\nx";
  EXPECT_EQ(expect_one(folded), complete(200, 1, true, folded.size()));
  expect_error("HTTP/1.1 200 OK\r\nContent-Length: 1\r\n 2\r\n\r\nx", ParseError::bad_header);
  expect_error("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip,\r\n chunked\r\n\r\n", ParseError::bad_header);
  expect_error("HTTP/1.1 200 OK\r\n X: folded first line\r\n\r\n", ParseError::bad_header);
}

TEST(ResponseParser, HeaderBlockLimitCountsStatusLineAndFields) {
  const std::string wire = "HTTP/1.1 200 OK\r\nX-Pad: 0123456789\r\nContent-Length: 0\r\n\r\n";
  const auto limit = static_cast<uint32_t>(wire.size());
  EXPECT_EQ(expect_one(wire, {.max_header_bytes = limit}), complete(200, 0, true, wire.size()));
  expect_error(wire, ParseError::header_too_large, {.max_header_bytes = limit - 1});
}

TEST(ResponseParser, HeaderBlockLimitCountsInterimResponses) {
  const std::string interim = "HTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\n";
  const std::string final_part = "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n";
  const auto limit = static_cast<uint32_t>(interim.size() + final_part.size());
  const std::string wire = interim + final_part;
  EXPECT_EQ(expect_one(wire, {.max_header_bytes = limit}), complete(200, 0, true, wire.size()));
  expect_error(wire, ParseError::header_too_large, {.max_header_bytes = limit - 1});
}

TEST(ResponseParser, TransferEncodingWinsOverContentLengthButClosesAfter) {
  const std::string wire =
      "HTTP/1.1 200 OK\r\nContent-Length: 100\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n";
  EXPECT_EQ(expect_one(wire), complete(200, 3, false, wire.size()));
}

TEST(ResponseParser, NonChunkedFinalCodingIsCloseDelimited) {
  const std::string wire = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked, gzip\r\n\r\n5\r\nhello";
  EXPECT_EQ(expect_one(wire, {.eof = true}), complete(200, 8, false, wire.size()));
}

TEST(ResponseParser, FeedAfterErrorKeepsFailing) {
  ResponseParser parser;
  size_t consumed = 0;
  const std::string bad = "HTTQ/1.1 200 OK\r\n\r\n";
  EXPECT_EQ(parser.feed(bad.data(), bad.size(), consumed), Result::error);
  EXPECT_EQ(parser.error(), ParseError::bad_status_line);
  EXPECT_FALSE(parser.keep_alive());
  EXPECT_EQ(parser.feed(hello.data(), hello.size(), consumed), Result::error);
  EXPECT_EQ(consumed, 0u);
  EXPECT_EQ(parser.feed_eof(), Result::error);
  parser.start(false);
  EXPECT_EQ(parser.feed(hello.data(), hello.size(), consumed), Result::complete);
  EXPECT_EQ(parser.error(), ParseError::none);
}

TEST(ResponseParser, DescribesEveryError) {
  std::set<std::string> seen;
  for (int e = 0; e <= static_cast<int>(ParseError::truncated); ++e) {
    const std::string text = describe(static_cast<ParseError>(e));
    EXPECT_FALSE(text.empty());
    EXPECT_TRUE(seen.insert(text).second) << "duplicate: " << text;
  }
  EXPECT_STREQ(describe(ParseError::bad_chunk_size), "invalid chunk size");
}

TEST(ResponseParser, StaysSmall) {
  // One per connection, many thousands per worker.
  EXPECT_LE(sizeof(ResponseParser), 48u);
}

}  // namespace
}  // namespace ringbench::http
