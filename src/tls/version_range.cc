#include "version_range.h"

#include <cctype>

#include "ringbench/core/error.h"

namespace ringbench::tls {

namespace {

int parse_minor(const std::string& text, const char* flag) {
  std::string t;
  for (char c : text) t += char(std::tolower(static_cast<unsigned char>(c)));
  for (const char* prefix : {"tlsv", "tls"}) {
    if (t.rfind(prefix, 0) == 0) {
      t.erase(0, std::char_traits<char>::length(prefix));
      break;
    }
  }
  if (t == "1.2") return 2;
  if (t == "1.3") return 3;
  throw_usage(std::string(flag) + " " + text + ": TLS version must be 1.2 or 1.3");
}

}  // namespace

VersionRange parse_version_range(const std::string& min_version, const std::string& max_version) {
  VersionRange range{parse_minor(min_version, "--tls-min"), parse_minor(max_version, "--tls-max")};
  if (range.min_minor > range.max_minor)
    throw_usage("--tls-min " + min_version + " is above --tls-max " + max_version);
  return range;
}

WOLFSSL_CTX* new_context(Side side, VersionRange range) {
  const bool client = side == Side::client;
  WOLFSSL_METHOD* method = nullptr;
  if (range.min_minor == 3) method = client ? wolfTLSv1_3_client_method() : wolfTLSv1_3_server_method();
  else if (range.max_minor == 2) method = client ? wolfTLSv1_2_client_method() : wolfTLSv1_2_server_method();
  else method = client ? wolfSSLv23_client_method() : wolfSSLv23_server_method();  // highest common, ≥ 1.2
  WOLFSSL_CTX* ctx = method ? wolfSSL_CTX_new(method) : nullptr;  // takes ownership of method
  if (ctx == nullptr) throw_cannot_run("cannot create a TLS context (out of memory?)");
  if (range.min_minor == 2 && range.max_minor == 3 && wolfSSL_CTX_SetMinVersion(ctx, WOLFSSL_TLSV1_2) != WOLFSSL_SUCCESS) {
    wolfSSL_CTX_free(ctx);
    throw_cannot_run("cannot limit the TLS context to TLS 1.2 and above");
  }
  return ctx;
}

}  // namespace ringbench::tls
