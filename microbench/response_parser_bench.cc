// ResponseParser::feed on realistic responses: throughput (bytes/s), responses/s and heap
// allocations per iteration (must be 0: the parser runs once per received buffer).
//  - ContentLength/<body>: one nginx-like response with a Content-Length body;
//  - Pipelined/<n>: n such responses back to back in one buffer (each feed returns at the
//    end of one response; the rest is fed again for the next);
//  - Chunked/<chunk>/<body>: Transfer-Encoding: chunked, 1-byte chunks and 64 KiB chunks;
//  - ManyHeaders/<n>: a response with n header fields (CDN / API gateway style);
//  - Split/<every>/<chunked>: a 4 KiB-body response fed in pieces of `every` bytes, as when
//    it arrives across several receive buffers.
// Run: build/microbench/response_parser_bench --benchmark_counters_tabular=true
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdio>
#include <string>

#include "alloc_counter.h"
#include "benchmark_runner.h"
#include "ringbench/http/response_parser.h"

namespace {

using ringbench::http::ResponseParser;
using ringbench::microbench::allocation_count;
using ringbench::microbench::require_no_allocations;

// The head nginx sends for a static file.
std::string typical_head() {
  return "HTTP/1.1 200 OK\r\n"
         "Server: nginx/1.22.1\r\n"
         "Date: Mon, 02 Jun 2025 10:15:42 GMT\r\n"
         "Content-Type: text/plain\r\n"
         "Last-Modified: Fri, 30 May 2025 08:00:00 GMT\r\n"
         "Connection: keep-alive\r\n"
         "ETag: \"6839660a-1000\"\r\n"
         "Accept-Ranges: bytes\r\n";
}

std::string body_of(size_t size) {
  std::string body(size, 'x');
  for (size_t i = 0; i < size; ++i) body[i] = char('a' + i % 26);
  return body;
}

std::string content_length_response(size_t body_size) {
  return typical_head() + "Content-Length: " + std::to_string(body_size) + "\r\n\r\n" + body_of(body_size);
}

std::string chunked_response(size_t chunk_size, size_t body_size) {
  std::string r = typical_head() + "Transfer-Encoding: chunked\r\n\r\n";
  const std::string body = body_of(body_size);
  char line[32];
  for (size_t at = 0; at < body_size; at += chunk_size) {
    const size_t n = std::min(chunk_size, body_size - at);
    std::snprintf(line, sizeof line, "%zx\r\n", n);
    r += line;
    r.append(body, at, n);
    r += "\r\n";
  }
  return r + "0\r\n\r\n";
}

// Typical fields of a response that went through a CDN and an API gateway.
std::string many_headers_response(int fields) {
  static const char* const names[] = {
      "Cache-Control", "X-Request-Id", "X-Amz-Cf-Id", "Vary", "Strict-Transport-Security",
      "X-Content-Type-Options", "X-Frame-Options", "Content-Security-Policy", "Set-Cookie",
      "Access-Control-Allow-Origin", "Via", "X-Cache", "Age", "Expires", "Pragma"};
  std::string r = "HTTP/1.1 200 OK\r\nDate: Mon, 02 Jun 2025 10:15:42 GMT\r\nContent-Type: application/json\r\n";
  for (int i = 0; i < fields - 4; ++i) {
    r += names[i % std::size(names)];
    r += "-" + std::to_string(i) + ": ";
    r += "value-" + std::to_string(i * 7919) + "; max-age=31536000; includeSubDomains; path=/api/v1\r\n";
  }
  r += "Connection: keep-alive\r\n";
  return r + "Content-Length: 27\r\n\r\n{\"status\":\"ok\",\"items\":[]}\n";
}

// Parses `responses` back-to-back responses from `input`, feeding at most `piece` bytes at a
// time. Returns the number of complete responses (anything else means a bad input).
inline int parse_all(ResponseParser& parser, const std::string& input, size_t piece, int responses) {
  const char* data = input.data();
  size_t left = input.size();
  int complete = 0;
  for (int r = 0; r < responses; ++r) {
    parser.start(false);
    for (;;) {
      size_t used = 0;
      const size_t n = std::min(left, piece);
      const ResponseParser::Result result = parser.feed(data, n, used);
      data += used;
      left -= used;
      if (result == ResponseParser::Result::complete) {
        ++complete;
        break;
      }
      if (result == ResponseParser::Result::error || left == 0) return complete;
    }
    benchmark::DoNotOptimize(parser.status());
  }
  return complete;
}

void run(benchmark::State& state, const std::string& input, size_t piece, int responses) {
  ResponseParser parser;
  if (parse_all(parser, input, piece, responses) != responses || parser.status() != 200) {
    state.SkipWithError("input did not parse as expected");
    return;
  }
  const uint64_t allocations = allocation_count();
  for (auto _ : state) {
    benchmark::DoNotOptimize(input.data());
    benchmark::DoNotOptimize(parse_all(parser, input, piece, responses));
  }
  require_no_allocations(state, allocations);
  state.SetBytesProcessed(int64_t(state.iterations() * input.size()));
  state.SetItemsProcessed(int64_t(state.iterations()) * responses);
  state.counters["bytes_per_response"] = double(input.size()) / responses;
}

void BM_ContentLength(benchmark::State& state) {
  run(state, content_length_response(size_t(state.range(0))), SIZE_MAX, 1);
}
BENCHMARK(BM_ContentLength)->ArgName("body")->Arg(2)->Arg(4096)->Arg(64 * 1024);

void BM_Pipelined(benchmark::State& state) {
  const int count = int(state.range(0));
  std::string input;
  for (int i = 0; i < count; ++i) input += content_length_response(2);
  run(state, input, SIZE_MAX, count);
}
BENCHMARK(BM_Pipelined)->ArgName("responses")->Arg(16);

void BM_Chunked(benchmark::State& state) {
  run(state, chunked_response(size_t(state.range(0)), size_t(state.range(1))), SIZE_MAX, 1);
}
BENCHMARK(BM_Chunked)->ArgNames({"chunk", "body"})->Args({1, 4096})->Args({65536, 1 << 20});

void BM_ManyHeaders(benchmark::State& state) {
  run(state, many_headers_response(int(state.range(0))), SIZE_MAX, 1);
}
BENCHMARK(BM_ManyHeaders)->ArgName("fields")->Arg(50);

void BM_Split(benchmark::State& state) {
  const size_t every = size_t(state.range(0));
  const std::string input = state.range(1) ? chunked_response(1024, 4096) : content_length_response(4096);
  run(state, input, every, 1);
}
BENCHMARK(BM_Split)->ArgNames({"every", "chunked"})->ArgsProduct({{1, 16, 512}, {0, 1}});

}  // namespace

int main(int argc, char** argv) { return ringbench::microbench::run_benchmarks(argc, argv); }
