// Full handshakes between a client and a server Session in memory: versions, ALPN, verification.
#include <malloc.h>

#include <algorithm>
#include <thread>

#include "ringbench/tls/thread_resources.h"
#include "tls_test_fixture.h"

namespace ringbench::tls::test {
namespace {

struct Outcome {
  Session client;
  Session server;
  MemoryLink::Handshake status;
};

class HandshakeTest : public TlsTest {
 protected:
  Outcome connect(const ClientOptions& co, const ServerOptions& so, std::string_view name = "localhost",
                  size_t chunk = 64 * 1024) {
    ClientContext client_context(co);
    ServerContext server_context(so);
    Outcome o{Session::client(client_context, name, nullptr), Session::server(server_context), {}};
    MemoryLink link(chunk);
    o.status = link.handshake(o.client, o.server);
    return o;
  }
};

TEST_F(HandshakeTest, VerifiesTheServerWithTheRightCaOverTls13) {
  Outcome o = connect(client_options(), server_options());
  ASSERT_EQ(o.status.client, Status::done) << o.client.error();
  ASSERT_EQ(o.status.server, Status::done) << o.server.error();
  EXPECT_TRUE(o.client.handshake_done());
  EXPECT_TRUE(o.server.handshake_done());
  EXPECT_EQ(o.client.version(), "TLSv1.3");
  EXPECT_EQ(o.server.version(), "TLSv1.3");
  EXPECT_EQ(o.client.alpn(), "http/1.1");
  EXPECT_EQ(o.server.alpn(), "http/1.1");
  EXPECT_FALSE(o.client.resumed());
  EXPECT_TRUE(o.client.error().empty());
}

TEST_F(HandshakeTest, NegotiatesTls12WhenTheClientCapsIt) {
  Outcome o = connect(client_options("1.2", "1.2"), server_options());
  ASSERT_EQ(o.status.client, Status::done) << o.client.error();
  ASSERT_EQ(o.status.server, Status::done) << o.server.error();
  EXPECT_EQ(o.client.version(), "TLSv1.2");
  EXPECT_EQ(o.client.alpn(), "http/1.1");
}

TEST_F(HandshakeTest, NegotiatesTls12WhenTheServerCapsIt) {
  Outcome o = connect(client_options(), server_options("1.2", "1.2"));
  ASSERT_EQ(o.status.client, Status::done) << o.client.error();
  EXPECT_EQ(o.client.version(), "TLSv1.2");
}

TEST_F(HandshakeTest, Tls13OnlyClientAndTls12OnlyServerShareNoVersion) {
  Outcome o = connect(client_options("1.3", "1.3"), server_options("1.2", "1.2"));
  EXPECT_EQ(o.status.client, Status::failed);
  EXPECT_EQ(o.status.server, Status::failed);
  EXPECT_EQ(o.server.error(), "no common TLS version");
  EXPECT_EQ(o.client.error(), "no common TLS version");
}

TEST_F(HandshakeTest, Tls12OnlyClientAndTls13OnlyServerShareNoVersion) {
  Outcome o = connect(client_options("1.2", "1.2"), server_options("1.3", "1.3"));
  EXPECT_EQ(o.status.client, Status::failed);
  EXPECT_EQ(o.client.error(), "no common TLS version");
  EXPECT_EQ(o.server.error(), "no common TLS version");
}

TEST_F(HandshakeTest, SurvivesCiphertextArrivingOneByteAtATime) {
  Outcome o = connect(client_options(), server_options(), "localhost", 1);
  ASSERT_EQ(o.status.client, Status::done) << o.client.error();
  ASSERT_EQ(o.status.server, Status::done) << o.server.error();
}

TEST_F(HandshakeTest, WrongCaFailsWithUnknownCa) {
  ClientOptions co = client_options();
  co.ca_file = certs->other_ca;
  Outcome o = connect(co, server_options());
  EXPECT_EQ(o.status.client, Status::failed);
  EXPECT_EQ(o.client.error(), "certificate verify failed: unknown CA");
  EXPECT_FALSE(o.client.handshake_done());
  // The client's alert reached the server.
  EXPECT_EQ(o.status.server, Status::failed);
  EXPECT_EQ(o.server.error(), "peer rejected our certificate: unknown CA");
}

TEST_F(HandshakeTest, WrongCaFailsOverTls12Too) {
  ClientOptions co = client_options("1.2", "1.2");
  co.ca_file = certs->other_ca;
  Outcome o = connect(co, server_options());
  EXPECT_EQ(o.status.client, Status::failed);
  EXPECT_EQ(o.client.error(), "certificate verify failed: unknown CA");
}

TEST_F(HandshakeTest, HostnameMismatchFails) {
  Outcome o = connect(client_options(), server_options(), "www.example.com");
  EXPECT_EQ(o.status.client, Status::failed);
  EXPECT_EQ(o.client.error(), "certificate verify failed: hostname mismatch");
}

TEST_F(HandshakeTest, ExpiredCertificateFails) {
  ServerOptions so = server_options();
  so.cert_file = certs->expired_server_cert;
  Outcome o = connect(client_options(), so);
  EXPECT_EQ(o.status.client, Status::failed);
  EXPECT_EQ(o.client.error(), "certificate verify failed: certificate expired");
  EXPECT_EQ(o.server.error(), "peer rejected our certificate: expired");
}

TEST_F(HandshakeTest, IpLiteralsAreCheckedAgainstIpSans) {
  for (std::string_view name : {"127.0.0.1", "::1", "[::1]", "fd00::ab:CDEF", "[fd00:0::00ab:cdef]"}) {
    Outcome o = connect(client_options(), server_options(), name);
    EXPECT_EQ(o.status.client, Status::done) << name << ": " << o.client.error();
  }
  Outcome o = connect(client_options(), server_options(), "10.1.2.3");
  EXPECT_EQ(o.status.client, Status::failed);
  EXPECT_EQ(o.client.error(), "certificate verify failed: IP address mismatch");
}

TEST_F(HandshakeTest, InsecureAcceptsAnUnknownCaAndAnyName) {
  ClientOptions co = client_options();
  co.ca_file = certs->other_ca;
  co.verify = false;
  for (std::string_view name : {"localhost", "www.example.com", "10.1.2.3"}) {
    Outcome o = connect(co, server_options(), name);
    EXPECT_EQ(o.status.client, Status::done) << name << ": " << o.client.error();
    EXPECT_EQ(o.status.server, Status::done) << name << ": " << o.server.error();
  }
}

TEST_F(HandshakeTest, InsecureNeedsNoCaStoreAtAll) {
  ClientOptions co;
  co.verify = false;
  co.ca_file = "/nonexistent/ca.pem";  // never read when not verifying
  Outcome o = connect(co, server_options());
  EXPECT_EQ(o.status.client, Status::done) << o.client.error();
}

TEST_F(HandshakeTest, WorkerThreadsGiveBackWolfSslsPerThreadMemory) {
  size_t released = 0;
  std::thread worker([&] {
    Outcome o = connect(client_options(), server_options());  // ECDSA: fills the thread's ECC cache
    EXPECT_EQ(o.status.client, Status::done) << o.client.error();
    const size_t before = mallinfo2().uordblks;
    release_thread_resources();
    released = before - std::min(before, size_t(mallinfo2().uordblks));
  });
  worker.join();
#if defined(__SANITIZE_ADDRESS__)
  GTEST_SKIP() << "AddressSanitizer's allocator hides the heap from mallinfo2: released memory not measured";
#endif
  EXPECT_GT(released, 100'000u);
}

class MutualTlsTest : public HandshakeTest, public ::testing::WithParamInterface<const char*> {
 protected:
  ServerOptions requiring() const {
    ServerOptions so = server_options();
    so.client_ca_file = certs->ca;
    so.require_client_cert = true;
    return so;
  }
  ClientOptions client() const { return client_options(GetParam(), GetParam()); }
};

// With TLS 1.3 the client's handshake is over once it sent its Finished; the server's refusal
// arrives after it and surfaces on the client's first read().
Status read_refusal(Outcome& o) {
  if (o.status.client != Status::done) return o.status.client;
  std::string plaintext;
  return MemoryLink().transfer(o.server, o.client, plaintext);
}

TEST_P(MutualTlsTest, ClientWithoutCertificateIsRefused) {
  Outcome o = connect(client(), requiring());
  EXPECT_EQ(o.status.server, Status::failed);
  EXPECT_EQ(o.server.error(), "peer sent no certificate but one is required");
  EXPECT_EQ(read_refusal(o), Status::failed);
  if (std::string_view(GetParam()) == "1.3") EXPECT_EQ(o.client.error(), "peer requires a client certificate");
  else EXPECT_NE(o.client.error().find("requires a client certificate"), std::string::npos) << o.client.error();
}

TEST_P(MutualTlsTest, ClientWithCertificateIsAccepted) {
  ClientOptions co = client();
  co.cert_file = certs->client_cert;
  co.key_file = certs->client_key;
  Outcome o = connect(co, requiring());
  EXPECT_EQ(o.status.client, Status::done) << o.client.error();
  EXPECT_EQ(o.status.server, Status::done) << o.server.error();
}

TEST_P(MutualTlsTest, ClientCertificateFromAnotherCaIsRefused) {
  ServerOptions so = requiring();
  so.client_ca_file = certs->other_ca;
  ClientOptions co = client();
  co.cert_file = certs->client_cert;
  co.key_file = certs->client_key;
  Outcome o = connect(co, so);
  EXPECT_EQ(o.status.server, Status::failed);
  EXPECT_EQ(o.server.error(), "certificate verify failed: unknown CA");
  EXPECT_EQ(read_refusal(o), Status::failed);
  EXPECT_EQ(o.client.error(), "peer rejected our certificate: unknown CA");
}

INSTANTIATE_TEST_SUITE_P(Versions, MutualTlsTest, ::testing::Values("1.2", "1.3"),
                         [](const auto& info) { return std::string("tls") + (info.param[2] == '2' ? "12" : "13"); });

}  // namespace
}  // namespace ringbench::tls::test
