#include "ringbench/http/request_builder.h"

#include <gtest/gtest.h>

#include <string>

#include "ringbench/core/error.h"
#include "ringbench/core/version.h"

namespace ringbench::http {
namespace {

const std::string user_agent = "User-Agent: ringbench/" + std::string(ringbench::version) + "\r\n";

Config config_for(const std::string& url) {
  Config config;
  config.url = url;
  return config;
}

std::string build(const Config& config) { return build_request(config, parse_url(config.url)); }

TEST(RequestBuilder, PlainGet) {
  EXPECT_EQ(build(config_for("http://127.0.0.1:8080/index.html?a=1#top")),
            "GET /index.html?a=1 HTTP/1.1\r\n"
            "Host: 127.0.0.1:8080\r\n" +
                user_agent +
                "Accept: */*\r\n"
                "\r\n");
}

TEST(RequestBuilder, HostOmitsTheDefaultPortUnlessGiven) {
  EXPECT_EQ(build(config_for("http://[::1]/")),
            "GET / HTTP/1.1\r\nHost: [::1]\r\n" + user_agent + "Accept: */*\r\n\r\n");
  EXPECT_EQ(build(config_for("https://h:443")),
            "GET / HTTP/1.1\r\nHost: h:443\r\n" + user_agent + "Accept: */*\r\n\r\n");
}

TEST(RequestBuilder, PostWithBody) {
  Config config = config_for("http://h/submit");
  config.method = "POST";
  config.body = "{\"a\":1}";
  EXPECT_EQ(build(config),
            "POST /submit HTTP/1.1\r\n"
            "Host: h\r\n" +
                user_agent +
                "Accept: */*\r\n"
                "Content-Type: application/octet-stream\r\n"
                "Content-Length: 7\r\n"
                "\r\n"
                "{\"a\":1}");
}

TEST(RequestBuilder, ContentTypeAndAcceptFromFlags) {
  Config config = config_for("http://h/");
  config.method = "PUT";
  config.body = "x=1";
  config.content_type = "application/x-www-form-urlencoded";
  config.accept = "application/json";
  EXPECT_EQ(build(config), "PUT / HTTP/1.1\r\nHost: h\r\n" + user_agent +
                               "Accept: application/json\r\n"
                               "Content-Type: application/x-www-form-urlencoded\r\n"
                               "Content-Length: 3\r\n"
                               "\r\n"
                               "x=1");
}

TEST(RequestBuilder, EmptyBodyMethodsSendContentLengthZero) {
  for (const char* method : {"POST", "PUT", "PATCH"}) {
    Config config = config_for("http://h/");
    config.method = method;
    EXPECT_EQ(build(config), std::string(method) + " / HTTP/1.1\r\nHost: h\r\n" + user_agent +
                                 "Accept: */*\r\nContent-Length: 0\r\n\r\n");
  }
  Config del = config_for("http://h/");
  del.method = "DELETE";
  EXPECT_EQ(build(del), "DELETE / HTTP/1.1\r\nHost: h\r\n" + user_agent + "Accept: */*\r\n\r\n");
}

TEST(RequestBuilder, ContentTypeWithoutBodyOnlyWhenAskedFor) {
  Config config = config_for("http://h/");
  config.content_type = "text/plain";
  EXPECT_EQ(build(config),
            "GET / HTTP/1.1\r\nHost: h\r\n" + user_agent + "Accept: */*\r\nContent-Type: text/plain\r\n\r\n");
}

TEST(RequestBuilder, UserHeadersReplaceBuiltinsInPlace) {
  Config config = config_for("http://h/");
  config.body = "hi";
  config.content_type = "text/plain";
  config.headers = {{"X-First", "1"},
                    {"user-agent", "custom/2"},
                    {"HOST", "example.org"},
                    {"Content-type", "application/json"},
                    {"X-Last", "2"}};
  EXPECT_EQ(build(config),
            "GET / HTTP/1.1\r\n"
            "HOST: example.org\r\n"
            "user-agent: custom/2\r\n"
            "Accept: */*\r\n"
            "Content-type: application/json\r\n"
            "Content-Length: 2\r\n"
            "X-First: 1\r\n"
            "X-Last: 2\r\n"
            "\r\n"
            "hi");
}

TEST(RequestBuilder, EmptyValueRemovesABuiltin) {
  Config config = config_for("http://h/");
  config.headers = {{"User-Agent", ""}, {"accept", ""}};
  EXPECT_EQ(build(config), "GET / HTTP/1.1\r\nHost: h\r\n\r\n");
}

TEST(RequestBuilder, BuiltinNamesNotOtherwiseSentGoInTheirSlot) {
  Config config = config_for("http://h/");
  config.headers = {{"X-A", "1"}, {"Connection", "keep-alive"}, {"Authorization", "Bearer t"}};
  EXPECT_EQ(build(config),
            "GET / HTTP/1.1\r\nHost: h\r\n" + user_agent +
                "Accept: */*\r\nAuthorization: Bearer t\r\nConnection: keep-alive\r\nX-A: 1\r\n\r\n");
}

TEST(RequestBuilder, RepeatedUserHeadersAreAllSent) {
  Config config = config_for("http://h/");
  config.headers = {{"X-A", "1"}, {"Accept", "text/html"}, {"X-A", "2"}, {"Accept", "text/plain"}};
  EXPECT_EQ(build(config), "GET / HTTP/1.1\r\nHost: h\r\n" + user_agent +
                               "Accept: text/html\r\nAccept: text/plain\r\nX-A: 1\r\nX-A: 2\r\n\r\n");
}

TEST(RequestBuilder, BasicAuth) {
  Config config = config_for("http://h/");
  config.basic_auth = "Aladdin:open sesame";
  EXPECT_EQ(build(config), "GET / HTTP/1.1\r\nHost: h\r\n" + user_agent +
                               "Accept: */*\r\nAuthorization: Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==\r\n\r\n");
}

TEST(RequestBuilder, BasicAuthPaddingForEveryLength) {
  // RFC 4648 test vectors, prefixed so the value is never empty.
  const std::pair<const char*, const char*> vectors[] = {{"f", "Zg=="},
                                                         {"fo", "Zm8="},
                                                         {"foo", "Zm9v"},
                                                         {"foob", "Zm9vYg=="},
                                                         {"fooba", "Zm9vYmE="},
                                                         {"foobar", "Zm9vYmFy"},
                                                         {"\xff\xfe:\x80", "//46gA=="}};
  for (const auto& [plain, encoded] : vectors) {
    Config config = config_for("http://h/");
    config.basic_auth = plain;
    const std::string request = build(config);
    EXPECT_NE(request.find(std::string("\r\nAuthorization: Basic ") + encoded + "\r\n"), std::string::npos)
        << request;
  }
}

TEST(RequestBuilder, KeepAliveOffSendsConnectionClose) {
  Config config = config_for("http://h/");
  config.keepalive = false;
  config.headers = {{"X-A", "1"}};
  EXPECT_EQ(build(config), "GET / HTTP/1.1\r\nHost: h\r\n" + user_agent +
                               "Accept: */*\r\nConnection: close\r\nX-A: 1\r\n\r\n");
}

TEST(RequestBuilder, FullHeaderOrder) {
  Config config = config_for("http://h:81/p");
  config.method = "PATCH";
  config.body = "b";
  config.content_type = "t/t";
  config.accept = "a/a";
  config.basic_auth = "u:p";
  config.keepalive = false;
  EXPECT_EQ(build(config), "PATCH /p HTTP/1.1\r\nHost: h:81\r\n" + user_agent +
                               "Accept: a/a\r\nAuthorization: Basic dTpw\r\nContent-Type: t/t\r\n"
                               "Content-Length: 1\r\nConnection: close\r\n\r\nb");
}

TEST(RequestBuilder, RejectsInjectionAsUsageError) {
  const auto expect_usage = [](const Config& config, const char* what) {
    try {
      build(config);
      ADD_FAILURE() << "accepted " << what;
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), ExitCode::usage) << what;
    }
  };
  Config config = config_for("http://h/");
  config.headers = {{"X-A", "1\r\nX-Injected: 2"}};
  expect_usage(config, "CRLF in a value");
  config.headers = {{"X A", "1"}};
  expect_usage(config, "space in a name");
  config.headers = {{"", "1"}};
  expect_usage(config, "empty name");
  config.headers = {};
  config.method = "GET / HTTP/1.0\r\n";
  expect_usage(config, "bad method");
  config.method = "GET";
  config.content_type = "a\nb";
  expect_usage(config, "newline in -T");
}

}  // namespace
}  // namespace ringbench::http
