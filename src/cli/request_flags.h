#pragma once
// The flags that describe the request itself (URL, method, headers, body, timeout, keep-alive,
// threads), shared by the benchmark and `sweep`, and their conversion into a Config.
#include <CLI/CLI.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "number_flags.h"
#include "ringbench/core/config.h"

namespace ringbench::cli {

// Raw text, converted after parsing so every bad value gets our one-line message.
struct RequestFlags {
  std::string timeout = "20s", drain = "0", body_file;
  std::vector<std::string> headers;
};

// An RFC 9110 token (method and header names).
bool is_token(std::string_view s);

void add_tls_flags(CLI::App& app, TlsConfig& t);
void add_request_flags(CLI::App& app, Config& c, RequestFlags& raw);

// Checks the method and --sni, parses -H, reads -D, converts -t and --drain. Throws Error(usage).
void finish_request(Config& c, const RequestFlags& raw);

// A one-line warning when https-only flags (--cacert, --sni, -k, ...) were given on `app` but
// none of `urls` (the target first) is https://: they would silently do nothing.
std::optional<std::string> https_flags_warning(const CLI::App& app, const std::vector<std::string>& urls);

}  // namespace ringbench::cli
