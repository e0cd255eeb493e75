// The server over HTTPS, seen through real loopback sockets: a blocking client with its own
// tls::Session (TlsLoopbackClient), certificates made at run time by the openssl CLI
// (tests/tls/test_certificates).
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <thread>

#include "loopback_client.h"
#include "ringbench/core/error.h"
#include "ringbench/tls/availability.h"
#include "running_server.h"
#include "test_certificates.h"
#include "tls_loopback_client.h"

using namespace ringbench::serve;
using namespace ringbench::serve::testing;
using namespace std::chrono_literals;
using ringbench::tls::ClientContext;
using ringbench::tls::ClientOptions;

namespace {

const std::string ok_headers =
    "HTTP/1.1 200 OK\r\nServer: ringbench\r\nContent-Length: 2\r\nContent-Type: text/plain\r\n";

}  // namespace

class ServerTls : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!ringbench::tls::available()) GTEST_SKIP() << ringbench::tls::unavailable_message;
    certs = &ringbench::tls::test::test_certificates();
    if (!certs->ok()) GTEST_FAIL() << certs->error;
  }

  ServerOptions https() const {
    ServerOptions o;
    o.tls_cert = certs->server_cert;
    o.tls_key = certs->server_key;
    return o;
  }
  // Verifies the server's certificate against the test CA (and 127.0.0.1 against its IP SAN).
  ClientContext client(const std::string& max_version = "1.3", bool with_certificate = false) const {
    ClientOptions o;
    o.ca_file = certs->ca;
    o.max_version = max_version;
    if (with_certificate) {
      o.cert_file = certs->client_cert;
      o.key_file = certs->client_key;
    }
    return ClientContext(o);
  }

  // The failure counter is written by the server's thread after the client saw the effect.
  static uint64_t failures_after_settling(Server& server, uint64_t expected) {
    for (int i = 0; i < 200 && server.tls_handshake_failures() < expected; ++i) std::this_thread::sleep_for(5ms);
    return server.tls_handshake_failures();
  }

  const ringbench::tls::test::TestCertificates* certs = nullptr;
};

TEST_F(ServerTls, GetIsAnsweredWithExactBytes) {
  RunningServer s(https());
  EXPECT_EQ(s.server().address(), "https://127.0.0.1:" + std::to_string(s.port()) + "/");
  ClientContext context = client();
  TlsLoopbackClient c(s.port(), context);
  ASSERT_TRUE(c.handshake_done()) << c.session().error();
  EXPECT_EQ(c.session().version(), "TLSv1.3");
  c.send(get_request());
  EXPECT_EQ(c.read_response().raw, ok_headers + "\r\nok");
  EXPECT_EQ(s.server().requests_served(), 1u);
  EXPECT_EQ(s.server().connections_accepted(), 1u);
  EXPECT_EQ(s.server().tls_handshake_failures(), 0u);
}

TEST_F(ServerTls, KeepAliveServesThreeRequestsOnOneConnection) {
  RunningServer s(https());
  ClientContext context = client();
  TlsLoopbackClient c(s.port(), context);
  ASSERT_TRUE(c.handshake_done()) << c.session().error();
  for (int i = 0; i < 3; ++i) {
    c.send(get_request());
    const Response r = c.read_response();
    ASSERT_EQ(r.raw, ok_headers + "\r\nok") << "request " << i;
    EXPECT_TRUE(r.keep_alive);
  }
  EXPECT_EQ(s.server().requests_served(), 3u);
  EXPECT_EQ(s.server().connections_accepted(), 1u);
}

// Requests pipelined in one record, the last asking to close: answered in order, then a
// close_notify and the close.
TEST_F(ServerTls, PipelinedRequestsThenConnectionClose) {
  RunningServer s(https());
  ClientContext context = client();
  TlsLoopbackClient c(s.port(), context);
  ASSERT_TRUE(c.handshake_done()) << c.session().error();
  std::string burst;
  for (int i = 0; i < 20; ++i) burst += get_request();
  c.send(burst + get_request("Connection: close\r\n") + get_request());  // the last is never answered
  for (int i = 0; i < 20; ++i) ASSERT_EQ(c.read_response().raw, ok_headers + "\r\nok") << "response " << i;
  EXPECT_EQ(c.read_response().raw, ok_headers + "Connection: close\r\n\r\nok");
  EXPECT_TRUE(c.closed_by_peer());
  EXPECT_EQ(s.server().requests_served(), 21u);
}

// A 1 MiB body takes many records and more than one send of outbound bytes.
TEST_F(ServerTls, LargeBodiesArriveWholeOnAKeptConnection) {
  ServerOptions o = https();
  o.body_size = 1 << 20;
  RunningServer s(o);
  ClientContext context = client();
  TlsLoopbackClient c(s.port(), context);
  ASSERT_TRUE(c.handshake_done()) << c.session().error();
  c.send(get_request() + get_request());
  for (int i = 0; i < 2; ++i) EXPECT_EQ(c.read_response().body_bytes, uint64_t(1 << 20));
  c.send(get_request());
  EXPECT_EQ(c.read_response().body_bytes, uint64_t(1 << 20));
}

TEST_F(ServerTls, GarbageInsteadOfAClientHelloIsClosedAndTheServerGoesOn) {
  RunningServer s(https());
  {
    LoopbackClient plain(s.port());
    plain.send(get_request());  // HTTP where a ClientHello belongs
    const std::string alert = plain.read_until_closed();
    // Whatever came before the close is a TLS alert record (content type 21), if anything.
    if (!alert.empty()) {
      EXPECT_EQ(alert[0], '\x15') << alert.size() << " bytes";
    }
  }
  EXPECT_EQ(failures_after_settling(s.server(), 1), 1u);
  EXPECT_EQ(s.server().requests_served(), 0u);
  ClientContext context = client();
  TlsLoopbackClient c(s.port(), context);
  ASSERT_TRUE(c.handshake_done()) << c.session().error();
  c.send(get_request());
  EXPECT_EQ(c.read_response().raw, ok_headers + "\r\nok");
  EXPECT_EQ(s.server().requests_served(), 1u);
  EXPECT_EQ(s.server().connections_accepted(), 2u);
}

TEST_F(ServerTls, DelayedResponsesWaitAndKeepOrder) {
  constexpr auto delay = 400ms;
  ServerOptions o = https();
  o.delay = delay;
  RunningServer s(o);
  ClientContext context = client();
  TlsLoopbackClient c(s.port(), context);
  ASSERT_TRUE(c.handshake_done()) << c.session().error();
  const auto start = std::chrono::steady_clock::now();
  c.send(get_request("", "HEAD") + get_request());
  EXPECT_EQ(c.read_response(true).raw, ok_headers + "\r\n");
  const auto first = std::chrono::steady_clock::now();
  EXPECT_GE(first - start, delay);
  EXPECT_EQ(c.read_response().raw, ok_headers + "\r\nok");
  // The pair was delayed once, not twice: the second answer follows the first at once (the
  // bound is a whole delay, so a loaded CI machine's stalls do not fail it).
  EXPECT_LT(std::chrono::steady_clock::now() - first, delay);
  EXPECT_EQ(s.server().requests_served(), 2u);
}

TEST_F(ServerTls, VersionLimits) {
  ServerOptions only12 = https();
  only12.tls_max_version = "1.2";
  RunningServer s12(only12);
  ClientContext any = client();
  TlsLoopbackClient c12(s12.port(), any);
  ASSERT_TRUE(c12.handshake_done()) << c12.session().error();
  EXPECT_EQ(c12.session().version(), "TLSv1.2");
  c12.send(get_request());
  EXPECT_EQ(c12.read_response().raw, ok_headers + "\r\nok");

  // No common version: the server refuses the ClientHello and counts a failed handshake.
  ServerOptions only13 = https();
  only13.tls_min_version = "1.3";
  RunningServer s13(only13);
  ClientContext old = client("1.2");
  TlsLoopbackClient refused(s13.port(), old);
  EXPECT_FALSE(refused.handshake_done());
  EXPECT_FALSE(refused.session().error().empty());
  EXPECT_EQ(failures_after_settling(s13.server(), 1), 1u);
}

TEST_F(ServerTls, MutualTlsRefusesClientsWithoutACertificate) {
  ServerOptions o = https();
  o.tls_client_ca = certs->ca;
  RunningServer s(o);
  {
    // TLS 1.3: the client's handshake ends before the server checks; the refusal comes as an
    // alert in place of the response.
    ClientContext context = client();
    TlsLoopbackClient c(s.port(), context);
    if (c.handshake_done()) {
      c.send(get_request());
      EXPECT_EQ(c.read_until_closed(), "");
    }
    EXPECT_NE(c.session().error().find("certificate"), std::string::npos) << c.session().error();
  }
  EXPECT_EQ(failures_after_settling(s.server(), 1), 1u);
  EXPECT_EQ(s.server().requests_served(), 0u);

  ClientContext with = client("1.3", true);
  TlsLoopbackClient c(s.port(), with);
  ASSERT_TRUE(c.handshake_done()) << c.session().error();
  c.send(get_request());
  EXPECT_EQ(c.read_response().raw, ok_headers + "\r\nok");
  EXPECT_EQ(s.server().requests_served(), 1u);
}

// A client that does not trust the certificate says so with an alert; the server counts it.
TEST_F(ServerTls, ClientRefusingTheCertificateIsCounted) {
  RunningServer s(https());
  ClientOptions o;
  o.ca_file = certs->other_ca;
  ClientContext distrustful(o);
  {
    TlsLoopbackClient c(s.port(), distrustful);
    EXPECT_FALSE(c.handshake_done());
    EXPECT_NE(c.session().error().find("certificate verify failed"), std::string::npos) << c.session().error();
  }
  EXPECT_EQ(failures_after_settling(s.server(), 1), 1u);
  EXPECT_EQ(s.server().requests_served(), 0u);
}

TEST_F(ServerTls, UnreadableCertificateIsAUsageError) {
  ServerOptions o = https();
  o.tls_cert = "/nonexistent/cert.pem";
  try {
    Server server(o);
    ADD_FAILURE() << "no error";
  } catch (const ringbench::Error& e) {
    EXPECT_EQ(e.code(), ringbench::ExitCode::usage);
    EXPECT_NE(std::string(e.what()).find("--tls-cert"), std::string::npos) << e.what();
  }
}

// Runs in every build; says something only in one without wolfSSL.
TEST(ServerTlsUnavailable, TlsCertIsRefusedWithOneLine) {
  if (ringbench::tls::available()) GTEST_SKIP() << "this build has HTTPS";
  ServerOptions o;
  o.tls_cert = "cert.pem";
  o.tls_key = "key.pem";
  try {
    Server server(o);
    ADD_FAILURE() << "no error";
  } catch (const ringbench::Error& e) {
    EXPECT_EQ(e.code(), ringbench::ExitCode::usage);
    EXPECT_EQ(std::string(e.what()), std::string("serve: --tls-cert: ") + ringbench::tls::unavailable_message);
  }
}
