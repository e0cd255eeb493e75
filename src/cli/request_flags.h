#pragma once
// The flags that describe the request itself (URL, method, headers, body, timeout, keep-alive,
// threads), shared by the benchmark and `sweep`, and their conversion into a Config.
#include <CLI/CLI.hpp>

#include <string>
#include <string_view>
#include <vector>

#include "ringbench/core/config.h"

namespace ringbench::cli {

// Raw text, converted after parsing so every bad value gets our one-line message.
struct RequestFlags {
  std::string timeout = "20s", drain = "0", body_file;
  std::vector<std::string> headers;
};

// A whole number of at least 1, with a message that reads like ours (CLI11's prints DBL_MAX).
extern const CLI::Validator positive;

// An RFC 9110 token (method and header names).
bool is_token(std::string_view s);

void add_tls_flags(CLI::App& app, TlsConfig& t);
void add_request_flags(CLI::App& app, Config& c, RequestFlags& raw);

// Checks the method, parses -H, reads -D, converts -t and --drain. Throws Error(usage).
void finish_request(Config& c, const RequestFlags& raw);

}  // namespace ringbench::cli
