// libFuzzer target: the URL parser and the request builder. An accepted URL, method and set of
// -H headers build a request that re-parses to the same method, target and Host, carries every
// user header as given (an empty value removes one), has no CR or LF inside a line, and that
// serve's request scanner reads as exactly one request of exactly its length. Anything refused
// is refused with ringbench::Error, never a crash.
#include <fuzzer/FuzzedDataProvider.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "request_scanner.h"
#include "ringbench/core/error.h"
#include "ringbench/http/request_builder.h"
#include "ringbench/http/url.h"

namespace {

void fail(const char* what, const std::string& request) {
  std::fprintf(stderr, "request builder invariant broken: %s\n---\n%s\n---\n", what, request.c_str());
  std::abort();
}

std::vector<std::string> lines_of(const std::string& head) {
  std::vector<std::string> lines;
  size_t at = 0;
  for (size_t crlf; (crlf = head.find("\r\n", at)) != std::string::npos; at = crlf + 2) lines.push_back(head.substr(at, crlf - at));
  return lines;
}

bool same_name(std::string a, std::string b) {
  for (char& c : a) c = char(std::tolower(static_cast<unsigned char>(c)));
  for (char& c : b) c = char(std::tolower(static_cast<unsigned char>(c)));
  return a == b;
}

void check(const ringbench::Config& config, const ringbench::http::Url& url, const std::string& request) {
  const size_t end = request.find("\r\n\r\n");
  if (end == std::string::npos) fail("no end of the head", request);
  const std::vector<std::string> lines = lines_of(request.substr(0, end + 2));
  for (const std::string& line : lines) {
    if (line.find_first_of("\r\n") != std::string::npos) fail("CR or LF inside a line", request);
  }
  if (lines.empty() || lines[0] != config.method + " " + url.target + " HTTP/1.1") fail("request line", request);
  bool host_replaced = false;
  for (const ringbench::Header& h : config.headers) host_replaced |= same_name(h.name, "Host");
  if (!host_replaced && (lines.size() < 2 || lines[1] != "Host: " + url.authority)) fail("Host", request);
  for (const ringbench::Header& h : config.headers) {
    bool found = false;
    for (const std::string& line : lines) found |= line == h.name + ": " + h.value;
    if (!h.value.empty() && !found) fail("a -H header is missing or changed", request);
  }
  ringbench::serve::RequestScanner scanner(1 << 20);
  ringbench::serve::RequestScanner::Outcome outcome;
  const size_t used = scanner.scan(request.data(), request.size(), outcome);
  const bool chunked = request.substr(0, end).find("Transfer-Encoding") != std::string::npos;
  if (!chunked && (outcome != ringbench::serve::RequestScanner::Outcome::request || used != request.size())) {
    fail("serve does not read it as exactly one request", request);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  FuzzedDataProvider in(data, size);
  ringbench::Config config;
  config.url = in.ConsumeRandomLengthString(200);
  config.method = in.ConsumeBool() ? "GET" : in.ConsumeRandomLengthString(12);
  for (size_t n = in.ConsumeIntegralInRange<size_t>(0, 4); n > 0; --n) {
    config.headers.push_back({in.ConsumeRandomLengthString(20), in.ConsumeRandomLengthString(40)});
  }
  if (in.ConsumeBool()) config.body = in.ConsumeRandomLengthString(64);
  if (in.ConsumeBool()) config.content_type = in.ConsumeRandomLengthString(20);
  config.keepalive = in.ConsumeBool();
  try {
    const ringbench::http::Url url = ringbench::http::parse_url(config.url);
    if (url.target.empty() || url.target[0] != '/') fail("a target that does not start with /", url.target);
    check(config, url, ringbench::http::build_request(config, url));
  } catch (const ringbench::Error&) {
    // refused with a reason: what the CLI prints on one line
  }
  return 0;
}
