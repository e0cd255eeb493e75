#include "request_flags.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "ringbench/core/duration.h"
#include "ringbench/core/error.h"
#include "ringbench/http/url.h"

namespace ringbench::cli {
namespace {

Header parse_header(const std::string& text) {
  const size_t colon = text.find(':');
  std::string name = text.substr(0, colon);
  if (colon == std::string::npos || !is_token(name)) {
    throw_usage("--header: expected 'Name: value', got '" + text + "'");
  }
  std::string value = text.substr(colon + 1);
  value.erase(0, value.find_first_not_of(" \t"));
  value.erase(value.find_last_not_of(" \t") + 1);
  if (value.find_first_of("\r\n") != std::string::npos) throw_usage("--header: value may not contain line breaks");
  return {name, value};
}

// The whole file, or a usage error: a directory or a read error must not become an empty
// body that the run would send without a word.
std::string read_body_file(const std::string& path) {
  const auto refuse = [&path](const std::string& why) { throw_usage("--body-file: cannot read '" + path + "' (" + why + ")"); };
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) refuse(std::strerror(errno));
  struct stat st {};
  if (::fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
    ::close(fd);
    refuse("it is a directory");
  }
  std::string body;
  char chunk[65536];
  for (;;) {
    const ssize_t n = ::read(fd, chunk, sizeof chunk);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      const int read_errno = errno;
      ::close(fd);
      if (n < 0) refuse(std::strerror(read_errno));
      return body;
    }
    body.append(chunk, size_t(n));
  }
}

// A server name goes into the ClientHello and is matched against the certificate: a space or
// a control byte cannot be part of a host name and would only produce a baffling handshake error.
void check_sni(const std::string& sni) {
  for (char ch : sni) {
    const auto c = static_cast<unsigned char>(ch);
    if (c <= 0x20 || c == 0x7f) throw_usage("--sni: a server name may not contain spaces or control characters");
  }
}

constexpr const char* https_only_flags[] = {"--tls-min", "--tls-max", "--insecure", "--cacert",
                                            "--cert",    "--key",     "--sni",      "--no-resume"};

}  // namespace

bool is_token(std::string_view s) {
  if (s.empty()) return false;
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (c <= 32 || c >= 127 || std::string_view("\"(),/:;<=>?@[\\]{}").find(ch) != std::string_view::npos) return false;
  }
  return true;
}

void add_request_flags(CLI::App& app, Config& c, RequestFlags& raw) {
  app.add_option("url", c.url, "Target URL, e.g. http://127.0.0.1:8080/");
  app.add_option("-m,--method", c.method, "HTTP method")->capture_default_str();
  app.add_option("-H,--header", raw.headers, "Request header 'Name: value' (repeatable; replaces a built-in one; Content-Length and Transfer-Encoding must frame the body)")
      ->allow_extra_args(false);  // one value per -H, so the URL after it stays the URL
  app.add_option("-d,--body", c.body, "Request body");
  app.add_option("-D,--body-file", raw.body_file, "Request body read from a file (a directory or unreadable file is an error)");
  app.add_option("-T,--content-type", c.content_type, "Content-Type of the request body");
  app.add_option("-A,--accept", c.accept, "Accept header");
  app.add_option("-a,--basic-auth", c.basic_auth, "Basic authentication, user:pass");
  app.add_option("-t,--timeout", raw.timeout, "Per-request timeout (0 = none)")->capture_default_str();
  app.add_option("--drain", raw.drain, "With -z: after the deadline send nothing new and wait up to this long "
                 "for the responses in flight, which then count")->capture_default_str();
  app.add_flag("--disable-keepalive", [&c](int64_t) { c.keepalive = false; },
               "Open a new connection for every request");
  app.add_option("--threads", c.threads, "Worker threads (default: one per CPU this process may use)")
      ->check(positive_u32);
  add_tls_flags(app, c.tls);
}

// Checked when the plan builds its TLS context: versions, readable files, a key matching --cert.
void add_tls_flags(CLI::App& app, TlsConfig& t) {
  const CLI::Validator version = CLI::IsMember({"1.2", "1.3"});
  app.add_option("--tls-min", t.min_version, "https: lowest TLS version offered (1.2 or 1.3)")
      ->check(version)->capture_default_str();
  app.add_option("--tls-max", t.max_version, "https: highest TLS version offered (1.2 or 1.3)")
      ->check(version)->capture_default_str();
  app.add_flag("-k,--insecure", t.insecure, "https: skip certificate and hostname verification");
  app.add_option("--cacert", t.ca_file, "https: trust the CAs in this PEM file instead of the system store");
  app.add_option("--cert", t.cert_file, "https: client certificate (PEM) for mutual TLS");
  app.add_option("--key", t.key_file, "https: private key (PEM) of --cert");
  app.add_option("--sni", t.sni, "https: server name sent and verified (default: the URL host; no spaces or control characters)");
  app.add_flag("--no-resume", [&t](int64_t) { t.resume = false; }, "https: full handshake on every new connection");
}

void finish_request(Config& c, const RequestFlags& raw) {
  c.timeout = raw.timeout == "0" ? Nanos(std::chrono::hours(24 * 365)) : parse_duration(raw.timeout, "--timeout");
  if (raw.drain != "0") c.drain = parse_duration(raw.drain, "--drain");
  if (!is_token(c.method)) throw_usage("--method: invalid method '" + c.method + "'");
  for (const std::string& h : raw.headers) c.headers.push_back(parse_header(h));
  if (!raw.body_file.empty()) {
    if (!c.body.empty()) throw_usage("use either -d/--body or -D/--body-file, not both");
    c.body = read_body_file(raw.body_file);
  }
  check_sni(c.tls.sni);
}

std::optional<std::string> https_flags_warning(const CLI::App& app, const std::vector<std::string>& urls) {
  std::string given;
  for (const char* flag : https_only_flags) {
    if (app.count(flag) > 0) given += (given.empty() ? "" : ", ") + std::string(flag);
  }
  if (given.empty()) return std::nullopt;
  for (const std::string& url : urls) {
    if (!url.empty() && http::parse_url(url).scheme == "https") return std::nullopt;
  }
  return given + " only appl" + (given.find(',') == std::string::npos ? "ies" : "y") +
         " to https:// URLs; ignored for " + urls.front();
}

}  // namespace ringbench::cli
