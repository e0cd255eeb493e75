#include "ringbench/http/url.h"

#include <gtest/gtest.h>

#include <string>

#include "ringbench/core/error.h"

namespace ringbench::http {
namespace {

struct Expected {
  const char* scheme;
  const char* host;
  uint16_t port;
  const char* target;
  const char* authority;
};

void expect_url(std::string_view text, const Expected& e) {
  SCOPED_TRACE(std::string(text));
  const Url url = parse_url(text);
  EXPECT_EQ(url.scheme, e.scheme);
  EXPECT_EQ(url.host, e.host);
  EXPECT_EQ(url.port, e.port);
  EXPECT_EQ(url.target, e.target);
  EXPECT_EQ(url.authority, e.authority);
}

// Expects a usage error whose message quotes the URL and contains `reason`.
void expect_rejected(std::string_view text, std::string_view reason) {
  try {
    parse_url(text);
    ADD_FAILURE() << "accepted '" << text << "'";
  } catch (const Error& e) {
    const std::string message = e.what();
    EXPECT_EQ(e.code(), ExitCode::usage);
    EXPECT_NE(message.find(reason), std::string::npos) << message;
    EXPECT_EQ(message.find('\n'), std::string::npos) << message;
    EXPECT_EQ(message.rfind("invalid URL '", 0), 0u) << message;
  }
}

TEST(Url, DefaultsPortAndPath) {
  expect_url("http://example.com", {"http", "example.com", 80, "/", "example.com"});
  expect_url("https://example.com", {"https", "example.com", 443, "/", "example.com"});
  expect_url("http://localhost/", {"http", "localhost", 80, "/", "localhost"});
}

TEST(Url, ExplicitPortGoesIntoTheAuthority) {
  expect_url("http://127.0.0.1:8080/", {"http", "127.0.0.1", 8080, "/", "127.0.0.1:8080"});
  expect_url("https://h:443/x", {"https", "h", 443, "/x", "h:443"});
  expect_url("http://h:1", {"http", "h", 1, "/", "h:1"});
  expect_url("http://h:65535", {"http", "h", 65535, "/", "h:65535"});
  expect_url("http://h:08080/", {"http", "h", 8080, "/", "h:8080"});
}

TEST(Url, SchemeIsCaseInsensitive) {
  expect_url("HTTP://Example.COM/Path", {"http", "Example.COM", 80, "/Path", "Example.COM"});
  expect_url("HttpS://h", {"https", "h", 443, "/", "h"});
}

TEST(Url, BracketedIpv6) {
  expect_url("http://[::1]:8080/x", {"http", "::1", 8080, "/x", "[::1]:8080"});
  expect_url("http://[::1]", {"http", "::1", 80, "/", "[::1]"});
  expect_url("https://[2001:db8::7]/", {"https", "2001:db8::7", 443, "/", "[2001:db8::7]"});
  expect_url("http://[::ffff:10.0.0.1]:9/", {"http", "::ffff:10.0.0.1", 9, "/", "[::ffff:10.0.0.1]:9"});
}

TEST(Url, KeepsQueryDropsFragment) {
  expect_url("http://h/a/b?x=1&y=%20#frag", {"http", "h", 80, "/a/b?x=1&y=%20", "h"});
  expect_url("http://h?x=1", {"http", "h", 80, "/?x=1", "h"});
  expect_url("http://h:81#frag", {"http", "h", 81, "/", "h:81"});
  expect_url("http://h/#", {"http", "h", 80, "/", "h"});
  expect_url("http://h//double", {"http", "h", 80, "//double", "h"});
}

TEST(Url, MissingSchemeGetsAHint) {
  expect_rejected("127.0.0.1:8080/", "missing scheme (use http://host[:port]/path)");
  expect_rejected("localhost", "missing scheme");
  expect_rejected("//host/", "missing scheme");
  expect_rejected("http:/host/", "missing scheme");
  expect_rejected("", "missing scheme");
}

TEST(Url, UnknownScheme) {
  expect_rejected("ftp://host/", "unknown scheme 'ftp'");
  expect_rejected("ws://host/", "unknown scheme 'ws'");
  expect_rejected("httpx://host/", "unknown scheme 'httpx'");
}

TEST(Url, RejectsBadPorts) {
  for (const char* url :
       {"http://h:0/", "http://h:65536/", "http://h:99999999999/", "http://h:-1/", "http://h:80a/",
        "http://h:/", "http://[::1]:/", "http://h:+80/", "http://h:0x50/"}) {
    expect_rejected(url, "bad port");
  }
}

TEST(Url, RejectsEmptyOrInvalidHosts) {
  expect_rejected("http:///path", "empty host");
  expect_rejected("http://:8080/", "empty host");
  expect_rejected("http://[]:80/", "empty host");
  expect_rejected("http://?q", "empty host");
  expect_rejected("http://ho%73t/", "invalid host");
  expect_rejected("http://h*st/", "invalid host");
  expect_rejected("http://999.1.1.1/", "invalid IPv4 address");
  expect_rejected("http://1.2.3/", "invalid IPv4 address");
  expect_rejected("http://[::1/", "missing ']'");
  expect_rejected("http://[::1]x/", "unexpected text after ']'");
  expect_rejected("http://[not:v6]/", "invalid IPv6 address");
  expect_rejected("http://[127.0.0.1]/", "invalid IPv6 address");
  expect_rejected("http://::1:8080/", "need brackets");
}

TEST(Url, RejectsUserinfo) {
  expect_rejected("http://user:pass@host/", "user@host is not supported (use -a user:pass)");
  expect_rejected("http://user@host/", "user@host");
}

TEST(Url, RejectsWhitespaceAndControlBytes) {
  for (std::string url :
       {"http://h/a b", " http://h/", "http://h/\t", "http://h/\r\nX: y", "http://h/\x7f"}) {
    expect_rejected(url, "whitespace or control bytes");
  }
  expect_rejected(std::string("http://h/\0", 10), "whitespace or control bytes");
}

TEST(Url, MessageShowsControlBytesAsQuestionMarks) {
  try {
    parse_url("http://h/\r\nX");
    FAIL() << "accepted";
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(), "invalid URL 'http://h/??X': contains whitespace or control bytes");
  }
}

}  // namespace
}  // namespace ringbench::http
