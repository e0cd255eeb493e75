// Chunked transfer coding (RFC 9112 §7.1): sizes, extensions, trailers, codings lists.
// Every case is fed whole, byte by byte and split randomly.
#include <gtest/gtest.h>

#include <string>

#include "response_feeder.h"
#include "ringbench/http/response_parser.h"

namespace ringbench::http {
namespace {

using testing::complete;
using testing::expect_all_ways;
using testing::expect_error;
using testing::expect_one;
using Result = ResponseParser::Result;
using namespace std::string_literals;

const std::string chunked_head = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n";

std::string chunked(const std::string& body_wire) { return chunked_head + body_wire; }

TEST(ChunkedResponse, CountsOnlyPayloadBytes) {
  const std::string wire = chunked("5\r\nhello\r\n7\r\n, world\r\n0\r\n\r\n");
  EXPECT_EQ(expect_one(wire), complete(200, 12, true, wire.size()));
}

TEST(ChunkedResponse, EmptyBody) {
  const std::string wire = chunked("0\r\n\r\n");
  EXPECT_EQ(expect_one(wire), complete(200, 0, true, wire.size()));
}

TEST(ChunkedResponse, HexSizesInEitherCaseWithLeadingZeros) {
  const std::string wire = chunked(
      "A\r\n0123456789\r\nb\r\n0123456789a\r\n000010\r\n0123456789abcdef\r\n"
      "0000000000000000000001\r\nx\r\n000\r\n\r\n");
  EXPECT_EQ(expect_one(wire), complete(200, 10 + 11 + 16 + 1, true, wire.size()));
}

TEST(ChunkedResponse, OneByteChunks) {
  std::string body;
  for (int i = 0; i < 40; ++i) body += "1\r\nx\r\n";
  const std::string wire = chunked(body + "0\r\n\r\n");
  EXPECT_EQ(expect_one(wire), complete(200, 40, true, wire.size()));
}

TEST(ChunkedResponse, ExtensionsDoNotBreakFraming) {
  const std::string wire = chunked(
      "5;name=value\r\nhello\r\n"
      "3;a;b=c;quoted=\"x;y\\\"z,\"\r\nabc\r\n"
      "2 ; spaced = \"v\"\r\nok\r\n"
      "1\t;tab\r\n!\r\n"
      "0;last=1\r\n\r\n");
  EXPECT_EQ(expect_one(wire), complete(200, 5 + 3 + 2 + 1, true, wire.size()));
}

TEST(ChunkedResponse, TrailersAreSkippedAndNotInterpreted) {
  const std::string wire = chunked(
      "3\r\nabc\r\n0\r\nX-Checksum: 1234\r\nContent-Length: 99\r\n"
      "Connection: close\r\nTransfer-Encoding: gzip\r\n\r\n");
  EXPECT_EQ(expect_one(wire), complete(200, 3, true, wire.size()));
}

TEST(ChunkedResponse, TrailersCountAgainstTheHeaderLimit) {
  const std::string wire = chunked("0\r\nX-Trailer: 0123456789\r\n\r\n");
  const auto limit =
      static_cast<uint32_t>(chunked_head.size() + std::string("X-Trailer: 0123456789\r\n\r\n").size());
  EXPECT_EQ(expect_one(wire, {.max_header_bytes = limit}), complete(200, 0, true, wire.size()));
  expect_error(wire, ParseError::header_too_large, {.max_header_bytes = limit - 1});
}

TEST(ChunkedResponse, BadTrailersAreErrors) {
  expect_error(chunked("0\r\nno colon here\r\n\r\n"), ParseError::bad_header);
  expect_error(chunked("0\r\n folded: first\r\n\r\n"), ParseError::bad_header);
  expect_error(chunked("0\r\nX: a\0b\r\n\r\n"s), ParseError::bad_header);
  expect_error(chunked("0\r\nX\0: ab\r\n\r\n"s), ParseError::bad_header);
}

TEST(ChunkedResponse, FinalCodingDecidesTheFraming) {
  for (const char* te : {"chunked", "CHUNKED", "Chunked", "gzip, chunked", "gzip,chunked ",
                         " identity , chunked", "gzip,,chunked,"}) {
    const std::string wire =
        std::string("HTTP/1.1 200 OK\r\nTransfer-Encoding: ") + te + "\r\n\r\n1\r\nx\r\n0\r\n\r\n";
    EXPECT_EQ(expect_one(wire), complete(200, 1, true, wire.size())) << te;
  }
  const std::string split_fields =
      "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n1\r\nx\r\n0\r\n\r\n";
  EXPECT_EQ(expect_one(split_fields), complete(200, 1, true, split_fields.size()));
}

TEST(ChunkedResponse, NotQuiteChunkedIsCloseDelimited) {
  for (const char* te : {"chunked, gzip", "chunkedx", "chunk", "chunked;q=1", "x chunked", "gzip", ""}) {
    const std::string wire =
        std::string("HTTP/1.1 200 OK\r\nTransfer-Encoding: ") + te + "\r\n\r\n1\r\nx\r\n";
    EXPECT_EQ(expect_one(wire, {.eof = true}), complete(200, 6, false, wire.size())) << te;
  }
}

TEST(ChunkedResponse, PipelinedAfterTrailers) {
  const std::string first = chunked("2\r\nab\r\n0\r\nT: 1\r\n\r\n");
  const std::string second = chunked("1\r\nc\r\n0\r\n\r\n");
  const auto outcomes = expect_all_ways(first + second);
  ASSERT_EQ(outcomes.size(), 2u);
  EXPECT_EQ(outcomes[0], complete(200, 2, true, first.size()));
  EXPECT_EQ(outcomes[1], complete(200, 1, true, first.size() + second.size()));
}

TEST(ChunkedResponse, LargeChunkIsCountedInBulk) {
  const std::string payload(200'000, 'z');
  const std::string wire = chunked("30d40\r\n" + payload + "\r\n0\r\n\r\n");
  ResponseParser parser;
  size_t consumed = 0;
  // Two feeds: the size line plus part of the data, then the rest.
  ASSERT_EQ(parser.feed(wire.data(), wire.size() / 2, consumed), Result::need_more);
  EXPECT_EQ(parser.feed(wire.data() + wire.size() / 2, wire.size() - wire.size() / 2, consumed),
            Result::complete);
  EXPECT_EQ(parser.body_bytes(), 200'000u);
}

TEST(ChunkedResponse, LargestAcceptedSize) {
  // 2^63 - 1 is the limit; such a chunk then simply wants more bytes.
  const auto outcome = expect_one(chunked("7fffffffffffffff\r\nabc"));
  EXPECT_EQ(outcome.result, Result::need_more);
  EXPECT_EQ(outcome.body_bytes, 3u);
}

TEST(ChunkedResponse, OversizedChunkSizes) {
  expect_error(chunked("8000000000000000\r\n"), ParseError::bad_chunk_size);
  expect_error(chunked("fffffffffffffffffffff\r\n"), ParseError::bad_chunk_size);
  expect_error(chunked("10000000000000000\r\n"), ParseError::bad_chunk_size);
}

TEST(ChunkedResponse, MalformedSizeLines) {
  for (const std::string& line : {"\r\n"s, "g\r\n"s, "-1\r\n"s, "+1\r\n"s, "0x5\r\n"s, "5 5\r\n"s, " 5\r\n"s,
                                  ";ext\r\n"s, "5\0\r\n"s, "5;a\0b\r\n"s, "5;a\x7f\r\n"s}) {
    expect_error(chunked(line + "hello\r\n0\r\n\r\n"), ParseError::bad_chunk_size);
  }
}

TEST(ChunkedResponse, MissingCrlfAfterData) {
  expect_error(chunked("5\r\nhelloX\r\n0\r\n\r\n"), ParseError::bad_chunk_framing);
  expect_error(chunked("5\r\nhello\rX0\r\n\r\n"), ParseError::bad_chunk_framing);
  expect_error(chunked("5\r\nhello world\r\n"), ParseError::bad_chunk_framing);
  expect_error(chunked("5\rhello\r\n"), ParseError::bad_chunk_framing);
  expect_error(chunked("0\r\n\rX"), ParseError::bad_header);
}

TEST(ChunkedResponse, EofAnywhereInsideIsTruncated) {
  const std::string wire = chunked("5;e=1\r\nhello\r\n0\r\nT: v\r\n\r\n");
  for (size_t cut = chunked_head.size(); cut < wire.size(); ++cut) {
    const auto outcomes = expect_all_ways(wire.substr(0, cut), {.eof = true});
    ASSERT_EQ(outcomes.size(), 1u);
    EXPECT_EQ(outcomes[0].result, Result::error) << cut;
    EXPECT_EQ(outcomes[0].error, ParseError::truncated) << cut;
  }
}

}  // namespace
}  // namespace ringbench::http
