// Application data through established sessions: both directions, large messages split into
// records, fragmented delivery, close_notify, and a peer that disappears mid-handshake.
#include <string>

#include "tls_test_fixture.h"

namespace ringbench::tls::test {
namespace {

class DataTest : public TlsTest, public ::testing::WithParamInterface<const char*> {
 protected:
  void SetUp() override {
    TlsTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    client_context = std::make_unique<ClientContext>(client_options(GetParam(), GetParam()));
    server_context = std::make_unique<ServerContext>(server_options());
    client = Session::client(*client_context, "localhost", nullptr);
    server = Session::server(*server_context);
    MemoryLink::Handshake h = MemoryLink().handshake(client, server);
    ASSERT_EQ(h.client, Status::done) << client.error();
    ASSERT_EQ(h.server, Status::done) << server.error();
  }

  static std::string pattern(size_t n) {
    std::string s(n, '\0');
    for (size_t i = 0; i < n; ++i) s[i] = char('a' + (i * 7 + i / 251) % 26);
    return s;
  }

  std::unique_ptr<ClientContext> client_context;
  std::unique_ptr<ServerContext> server_context;
  Session client, server;
};

TEST_P(DataTest, RequestAndLargeResponseRoundTrip) {
  const std::string request = "GET / HTTP/1.1\r\nHost: localhost\r\n\r\n";
  ASSERT_EQ(client.write(request), Status::done);
  std::string at_server;
  EXPECT_EQ(MemoryLink().transfer(client, server, at_server), Status::want_io) << server.error();
  EXPECT_EQ(at_server, request);

  const std::string response = pattern(100 * 1024);
  ASSERT_EQ(server.write(response), Status::done);
  std::string at_client;
  EXPECT_EQ(MemoryLink().transfer(server, client, at_client), Status::want_io) << client.error();
  EXPECT_EQ(at_client.size(), response.size());
  EXPECT_TRUE(at_client == response);
}

TEST_P(DataTest, LargeUploadArrivesInOddFragments) {
  const std::string body = pattern(100 * 1024 + 17);
  ASSERT_EQ(client.write(body), Status::done);
  std::string at_server;
  EXPECT_EQ(MemoryLink(1337).transfer(client, server, at_server), Status::want_io) << server.error();
  EXPECT_TRUE(at_server == body);
}

TEST_P(DataTest, ManySmallMessagesBothWays) {
  MemoryLink link(700);
  for (int i = 0; i < 200; ++i) {
    const std::string ping = "ping " + std::to_string(i), pong = "pong " + pattern(size_t(i) * 37);
    ASSERT_EQ(client.write(ping), Status::done);
    std::string got;
    ASSERT_EQ(link.transfer(client, server, got), Status::want_io);
    ASSERT_EQ(got, ping);
    ASSERT_EQ(server.write(pong), Status::done);
    got.clear();
    ASSERT_EQ(link.transfer(server, client, got), Status::want_io);
    ASSERT_EQ(got, pong);
  }
}

TEST_P(DataTest, ReadWithASmallBufferReturnsPiecesInOrder) {
  const std::string message = pattern(40 * 1024);
  ASSERT_EQ(server.write(message), Status::done);
  const std::string wire = drain(server);
  client.feed(wire.data(), wire.size());
  std::string got;
  char buf[1000];
  Session::ReadResult r;
  while ((r = client.read(buf, sizeof buf)).status == Status::done) {
    EXPECT_LE(r.bytes, sizeof buf);
    got.append(buf, r.bytes);
  }
  EXPECT_EQ(r.status, Status::want_io);
  EXPECT_TRUE(got == message);
}

TEST_P(DataTest, CloseNotifyEndsTheReadingSide) {
  ASSERT_EQ(client.write("last words"), Status::done);
  client.shutdown();
  std::string got;
  EXPECT_EQ(MemoryLink().transfer(client, server, got), Status::closed);
  EXPECT_EQ(got, "last words");
  EXPECT_TRUE(server.error().empty()) << server.error();
  EXPECT_EQ(client.write("more"), Status::failed);  // nothing after shutdown
}

TEST_P(DataTest, ServerCloseNotifyReachesTheClient) {
  server.shutdown();
  std::string got;
  EXPECT_EQ(MemoryLink().transfer(server, client, got), Status::closed);
}

TEST_P(DataTest, PeerClosingWithoutCloseNotifyEndsReading) {
  client.feed_end();
  char buf[64];
  EXPECT_EQ(client.read(buf, sizeof buf).status, Status::closed);
}

TEST_P(DataTest, TamperedRecordFails) {
  ASSERT_EQ(server.write("secret"), Status::done);
  std::string wire = drain(server);
  wire[wire.size() - 3] ^= 1;
  client.feed(wire.data(), wire.size());
  char buf[64];
  EXPECT_EQ(client.read(buf, sizeof buf).status, Status::failed);
  EXPECT_FALSE(client.error().empty());
}

INSTANTIATE_TEST_SUITE_P(Versions, DataTest, ::testing::Values("1.2", "1.3"),
                         [](const auto& info) { return std::string("tls") + (info.param[2] == '2' ? "12" : "13"); });

TEST_F(TlsTest, PeerVanishingDuringTheHandshakeFails) {
  ClientContext client_context(client_options());
  Session client = Session::client(client_context, "localhost", nullptr);
  EXPECT_EQ(client.handshake(), Status::want_io);
  EXPECT_FALSE(drain(client).empty());  // the ClientHello
  client.feed_end();
  EXPECT_EQ(client.handshake(), Status::failed);
  EXPECT_EQ(client.error(), "connection closed by the peer during the TLS handshake");
}

TEST_F(TlsTest, NonTlsPeerFailsClearly) {
  ClientContext client_context(client_options());
  Session client = Session::client(client_context, "localhost", nullptr);
  client.handshake();
  const std::string reply = "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n";
  client.feed(reply.data(), reply.size());
  EXPECT_EQ(client.handshake(), Status::failed);
  EXPECT_FALSE(client.error().empty());
  std::cout << "error for a plain HTTP reply: " << client.error() << "\n";
}

}  // namespace
}  // namespace ringbench::tls::test
