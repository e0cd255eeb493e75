// TicketRefusalWatch: what follows the ServerHello in a TLS 1.2 server's first flight.
#include "ticket_refusal_watch.h"

#include <gtest/gtest.h>

#include <string>

using ringbench::tls::TicketRefusalWatch;
using Verdict = TicketRefusalWatch::Verdict;

namespace {

std::string record(uint8_t type, const std::string& payload) {
  std::string r{char(type), 0x03, 0x03, char(payload.size() >> 8), char(payload.size() & 0xff)};
  return r + payload;
}

std::string message(uint8_t type, size_t body_size) {
  std::string m{char(type), char(body_size >> 16), char((body_size >> 8) & 0xff), char(body_size & 0xff)};
  return m + std::string(body_size, '\x5a');
}

const std::string server_hello = message(2, 70);

Verdict watch(const std::string& bytes, size_t piece = 1000000) {
  TicketRefusalWatch w;
  w.start();
  for (size_t at = 0; at < bytes.size() && w.watching(); at += piece) w.scan(bytes.data() + at, std::min(piece, bytes.size() - at));
  return w.verdict();
}

TEST(TicketRefusalWatchTest, CertificateAfterServerHelloMeansRefused) {
  EXPECT_EQ(watch(record(22, server_hello) + record(22, message(11, 900))), Verdict::refused);
  EXPECT_EQ(watch(record(22, server_hello + message(11, 900))), Verdict::refused);  // one record
}

TEST(TicketRefusalWatchTest, TicketOrChangeCipherSpecAfterServerHelloMeansAccepted) {
  EXPECT_EQ(watch(record(22, server_hello) + record(22, message(4, 200))), Verdict::accepted);
  EXPECT_EQ(watch(record(22, server_hello) + record(20, "\x01")), Verdict::accepted);
}

TEST(TicketRefusalWatchTest, UndecidedUntilTheNextMessageTypeArrives) {
  EXPECT_EQ(watch(record(22, server_hello)), Verdict::watching);
  const std::string flight = record(22, server_hello) + record(22, message(11, 900));
  EXPECT_EQ(watch(flight.substr(0, flight.size() - 900 - 3)), Verdict::watching);  // header cut
  EXPECT_EQ(watch(flight.substr(0, flight.size() - 900)), Verdict::refused);
}

TEST(TicketRefusalWatchTest, MessagesSpanningRecordsAndBytewiseDeliveryAreFollowed) {
  const std::string hello_and_cert = server_hello + message(11, 300);
  const std::string flight = record(22, hello_and_cert.substr(0, 30)) + record(22, hello_and_cert.substr(30, 45)) +
                             record(22, hello_and_cert.substr(75));
  EXPECT_EQ(watch(flight), Verdict::refused);
  EXPECT_EQ(watch(flight, 1), Verdict::refused);
  EXPECT_EQ(watch(record(22, server_hello) + record(22, message(4, 10)), 1), Verdict::accepted);
}

TEST(TicketRefusalWatchTest, AlertsAndEncryptedRecordsEndTheWatch) {
  EXPECT_EQ(watch(record(21, "\x02\x28")), Verdict::not_applicable);
  EXPECT_EQ(watch(record(22, server_hello) + record(23, "xxxx")), Verdict::not_applicable);  // TLS 1.3
  EXPECT_EQ(watch(record(22, message(11, 10))), Verdict::not_applicable);  // no ServerHello first
}

}  // namespace
