// Malformed and hostile responses: each must fail with the right error whatever the
// split, and random or mutated bytes must never crash, over-read or over-consume.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "response_feeder.h"
#include "ringbench/http/response_parser.h"

namespace ringbench::http {
namespace {

using testing::expect_all_ways;
using testing::expect_error;
using testing::expect_one;
using testing::feed_split;
using Result = ResponseParser::Result;
using namespace std::string_literals;

std::string with_length(const std::string& length) {
  return "HTTP/1.1 200 OK\r\nContent-Length: " + length + "\r\n\r\nhello";
}

TEST(HostileResponse, GarbageInsteadOfAStatusLine) {
  for (const std::string& wire :
       {"garbage\r\n\r\n"s, "HTTP/2 200 OK\r\n\r\n"s, "HTTP/2.0 200 OK\r\n\r\n"s, "http/1.1 200 OK\r\n\r\n"s,
        "HTTP/1.x 200 OK\r\n\r\n"s, " HTTP/1.1 200 OK\r\n"s, "\r\nHTTP/1.1 200 OK\r\n"s,
        "HTTP/1.1  200 OK\r\n"s, "HTTP/1.1 200OK\r\n"s, "HTTP/1.1 200 OK\rX"s, "HTTP/1.1 200 O\0K\r\n"s,
        "HTTP/1.1 200 O\x1bK\r\n"s, "\x16\x03\x01\x02\x00\x01\x00"s}) {
    expect_error(wire, ParseError::bad_status_line);
  }
}

TEST(HostileResponse, StatusCodesOutOfRange) {
  for (const char* code : {"000", "099", "600", "999"}) {
    expect_error("HTTP/1.1 "s + code + " X\r\n\r\n", ParseError::bad_status_code);
  }
  for (const char* code : {"99 ", "abc", "2000", "20", "2a0", "-20"}) {
    expect_error("HTTP/1.1 "s + code + " X\r\n\r\n", ParseError::bad_status_line);
  }
}

TEST(HostileResponse, BadHeaderLines) {
  for (const std::string& line :
       {"No colon\r\n"s, ": empty name\r\n"s, "Content-Length : 5\r\n"s, "X\0Y: 1\r\n"s, "X\x01: 1\r\n"s,
        "X-A: 1\0\r\n"s, "X-A: \x7f\r\n"s, "X-A: 1\rX\r\n"s, "Conn\0ection: close\r\n"s, "(X): 1\r\n"s,
        "Connection: clo\x02se\r\n"s, "\0\r\n"s}) {
    expect_error("HTTP/1.1 200 OK\r\n" + line + "\r\n", ParseError::bad_header);
  }
}

// Values and reason phrases are checked 16 bytes at a time: a bad byte must be caught in every
// lane and in the tail, and every allowed byte (HTAB, SP, VCHAR, obs-text) in them accepted.
TEST(HostileResponse, ControlBytesAnywhereInALongValueOrReason) {
  constexpr size_t length = 40;
  for (size_t at = 0; at < length; ++at) {
    for (const char bad : {'\0', '\x01', '\x1f', '\x7f', '\x0b'}) {
      std::string value(length, 'v');
      value[at] = bad;
      expect_error("HTTP/1.1 200 OK\r\nX-Long: " + value + "\r\n\r\n", ParseError::bad_header);
      expect_error("HTTP/1.1 200 " + value + "\r\n\r\n", ParseError::bad_status_line);
    }
    for (const char good : {'\t', ' ', '~', '\x80', '\xff'}) {
      std::string value(length, 'v');
      value[at] = good;
      const std::string wire = "HTTP/1.1 200 " + value + "\r\nX-Long: " + value + "\r\nContent-Length: 2\r\n\r\nok";
      EXPECT_EQ(expect_one(wire).result, Result::complete) << "byte " << int(static_cast<unsigned char>(good)) << " at " << at;
    }
  }
}

TEST(HostileResponse, BadContentLengths) {
  for (const std::string& length :
       {"-1"s, "+5"s, "5a"s, "0x5"s, ""s, " "s, "1 2"s, "5,"s, ",5"s, "5,,5"s, "5;"s, "99999999999999999999"s,
        "9223372036854775808"s, "18446744073709551616"s, "5\0"s, "\x35\xb5"s}) {
    expect_error(with_length(length), ParseError::bad_content_length);
  }
}

TEST(HostileResponse, HugeButValidContentLengthWantsMore) {
  const auto outcome = expect_one(with_length("9223372036854775807"));
  EXPECT_EQ(outcome.result, Result::need_more);
  EXPECT_EQ(outcome.body_bytes, 5u);
}

TEST(HostileResponse, HugeHeaderBlock) {
  std::string wire = "HTTP/1.1 200 OK\r\n";
  while (wire.size() < 70 * 1024) wire += "X-Filler: " + std::string(100, 'f') + "\r\n";
  // Default limit of 64 KiB; found without waiting for the end of the block.
  const auto outcomes = feed_split(wire, {});
  ASSERT_EQ(outcomes.size(), 1u);
  EXPECT_EQ(outcomes[0].error, ParseError::header_too_large);
  EXPECT_EQ(outcomes[0].end, 64u * 1024 + 1);
  // One long value, too.
  expect_error("HTTP/1.1 200 OK\r\nX: " + std::string(100, 'v'), ParseError::header_too_large,
               {.max_header_bytes = 64});
}

TEST(HostileResponse, EndlessInterimResponsesHitTheLimit) {
  std::string wire;
  while (wire.size() < 2000) wire += "HTTP/1.1 100 Continue\r\n\r\n";
  expect_error(wire, ParseError::header_too_large, {.max_header_bytes = 1024});
}

TEST(HostileResponse, EofMidResponseIsTruncated) {
  const std::string full = "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello";
  for (size_t cut = 1; cut < full.size(); ++cut) {
    const auto outcomes = expect_all_ways(full.substr(0, cut), {.eof = true});
    ASSERT_EQ(outcomes.size(), 1u);
    EXPECT_EQ(outcomes[0].error, ParseError::truncated) << "cut at " << cut;
  }
  // EOF right after a complete response is between responses: not an error.
  const auto outcomes = expect_all_ways(full, {.eof = true});
  ASSERT_EQ(outcomes.size(), 1u);
  EXPECT_EQ(outcomes[0].result, Result::complete);
}

TEST(HostileResponse, EofMidHeadOfACloseDelimitedResponse) {
  expect_error("HTTP/1.0 200 OK\r\nServer: x\r\n", ParseError::truncated, {.eof = true});
  expect_error("HTTP/1.0 200 OK\r\n\r", ParseError::truncated, {.eof = true});
}

TEST(HostileResponse, ZeroLengthFeedsChangeNothing) {
  ResponseParser parser;
  size_t consumed = 7;
  const std::string wire = "HTTP/1.1 200 OK\r\nContent-Length: 1\r\n\r\nx";
  for (size_t i = 0; i < wire.size(); ++i) {
    ASSERT_EQ(parser.feed(wire.data() + i, 0, consumed), Result::need_more);
    ASSERT_EQ(consumed, 0u);
    const Result result = parser.feed(wire.data() + i, 1, consumed);
    ASSERT_EQ(result, i + 1 == wire.size() ? Result::complete : Result::need_more) << i;
  }
  EXPECT_EQ(parser.body_bytes(), 1u);
}

// Random bytes, biased towards the bytes that steer the machine.
std::string random_bytes(std::mt19937& rng, size_t size) {
  static const std::string interesting = "HTTP/1.0 \r\n:;,\t0123456789abcdefABCDEF-\"\x7f\x00\x80\xff"s;
  std::string bytes(size, '\0');
  for (char& c : bytes) {
    c = rng() % 2 ? interesting[rng() % interesting.size()] : static_cast<char>(rng() % 256);
  }
  return bytes;
}

TEST(HostileResponse, RandomBytesNeverCrashOrOverConsume) {
  std::mt19937 rng(20240607);
  for (int round = 0; round < 3000; ++round) {
    const std::string bytes = random_bytes(rng, rng() % 200);
    for (bool head : {false, true}) {
      ResponseParser parser(128);
      parser.start(head);
      size_t consumed = SIZE_MAX;
      const Result result = parser.feed(bytes.data(), bytes.size(), consumed);
      ASSERT_LE(consumed, bytes.size());
      if (result == Result::need_more) {
        ASSERT_EQ(consumed, bytes.size());
      }
      ASSERT_EQ(result == Result::error, parser.error() != ParseError::none);
      parser.feed_eof();
    }
  }
}

// Valid responses with a few bytes flipped, inserted or dropped: whatever the result,
// every way of splitting the stream must give the same one (checked by expect_all_ways).
TEST(HostileResponse, MutatedResponsesParseTheSameHoweverSplit) {
  const std::vector<std::string> seeds = {
      "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nConnection: keep-alive\r\n\r\nhello",
      "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n"
      "5;x=\"y\"\r\nhello\r\n0\r\nT: 1\r\n\r\n",
      "HTTP/1.0 404 Not Found\r\nContent-Length: 3, 3\r\n\r\nabcHTTP/1.1 204 No Content\r\n\r\n",
  };
  std::mt19937 rng(7);
  for (int round = 0; round < 300; ++round) {
    std::string wire = seeds[rng() % seeds.size()];
    for (unsigned edits = 1 + rng() % 3; edits > 0; --edits) {
      const size_t at = rng() % wire.size();
      const std::string byte = random_bytes(rng, 1);
      switch (rng() % 3) {
        case 0: wire[at] = byte[0]; break;
        case 1: wire.insert(at, byte); break;
        default: wire.erase(at, 1); break;
      }
    }
    SCOPED_TRACE(::testing::PrintToString(wire));
    expect_all_ways(wire, {.eof = rng() % 2 == 0, .max_header_bytes = 100});
    if (::testing::Test::HasFailure()) return;
  }
}

}  // namespace
}  // namespace ringbench::http
