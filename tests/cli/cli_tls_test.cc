// HTTPS end to end: the ringbench binary against `ringbench serve --tls-*` in the test process,
// with certificates made at run time by the openssl CLI (tests/tls/test_certificates).
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "child_process.h"
#include "ringbench/tls/availability.h"
#include "target.h"
#include "test_certificates.h"

using namespace ringbench::testing;
using nlohmann::json;

namespace {

const ringbench::tls::test::TestCertificates& certs() { return ringbench::tls::test::test_certificates(); }

ringbench::serve::ServerOptions https(bool require_client_cert = false) {
  ringbench::serve::ServerOptions o;
  o.tls_cert = certs().server_cert;
  o.tls_key = certs().server_key;
  if (require_client_cert) o.tls_client_ca = certs().ca;
  return o;
}

struct TlsRun {
  ChildResult child;
  json doc;
};

TlsRun run_json(std::vector<std::string> args) {
  args.insert(args.end(), {"-o", "json"});
  TlsRun r{run_ringbench(args), json()};
  if (!r.child.out.empty()) r.doc = json::parse(r.child.out);
  return r;
}

#define REQUIRE_CERTIFICATES()                                                             \
  if (!ringbench::tls::available()) GTEST_SKIP() << ringbench::tls::unavailable_message; \
  if (!certs().ok()) GTEST_SKIP() << "no test certificates: " << certs().error

}  // namespace

TEST(CliTls, VerifiedRunCountsEveryResponseAndItsHandshakes) {
  REQUIRE_CERTIFICATES();
  Target target(https());
  ASSERT_EQ(target.url().rfind("https://", 0), 0u) << target.url();
  const TlsRun r = run_json({"-n", "2000", "-c", "20", "--cacert", certs().ca, target.url()});
  ASSERT_EQ(r.child.exit_code, 0) << r.child.err;
  EXPECT_EQ(r.doc["summary"]["responses"], 2000);
  EXPECT_EQ(r.doc["summary"]["errors"], 0);
  EXPECT_EQ(target.served(), 2000u);
  EXPECT_EQ(r.doc["summary"]["tls"]["version"], "TLSv1.3");
  EXPECT_EQ(r.doc["summary"]["tls"]["handshakes_full"], 20);
  // The opening handshakes are in `handshakes`; no request waited for one.
  EXPECT_EQ(r.doc["phases_us"]["handshakes"]["count"], 20);
  EXPECT_GT(r.doc["phases_us"]["handshakes"]["mean"].get<double>(), 0);
  EXPECT_EQ(r.doc["phases_us"]["tls"]["count"], 0);
}

// Pipelined requests go out as one TLS write per refill; responses are matched in order.
TEST(CliTls, PipelinedRequestsAreCountedExactly) {
  REQUIRE_CERTIFICATES();
  Target target(https());
  const TlsRun r = run_json({"-n", "3000", "-c", "10", "--pipeline", "8", "--cacert", certs().ca, target.url()});
  ASSERT_EQ(r.child.exit_code, 0) << r.child.err;
  EXPECT_EQ(r.doc["summary"]["responses"], 3000);
  EXPECT_EQ(r.doc["summary"]["errors"], 0);
  EXPECT_EQ(r.doc["config"]["pipeline"], 8);
  EXPECT_EQ(target.served(), 3000u);
}

// A request on a new connection waited for the TCP connect and the handshake: both are in its
// latency, and the phases (connect + tls + wait + read) add up to the latencies.
TEST(CliTls, ARequestOnANewConnectionIncludesItsHandshake) {
  REQUIRE_CERTIFICATES();
  Target target(https());
  const TlsRun r = run_json({"-n", "100", "-c", "2", "--disable-keepalive", "--cacert", certs().ca, target.url()});
  ASSERT_EQ(r.doc["summary"]["responses"], 100) << r.child.err;
  const json& phases = r.doc["phases_us"];
  EXPECT_EQ(phases["connect"]["count"], 98);  // 2 requests went on the connections opened first
  EXPECT_EQ(phases["tls"]["count"], 98);
  EXPECT_GT(phases["tls"]["min"].get<double>(), 0);
  EXPECT_EQ(phases["wait"]["count"], 100);
  EXPECT_GE(phases["handshakes"]["count"].get<int>(), 100);
  double parts = 0;
  for (const char* phase : {"connect", "tls", "wait", "read"}) parts += phases[phase]["total"].get<double>();
  const double latencies = r.doc["latency_us"]["mean"].get<double>() * 100;
  EXPECT_NEAR(parts, latencies, latencies * 1e-9);  // exact in ns; doubles in the JSON
}

// Not one handshake succeeds: the run could not run (exit 3, the reason on one line), and the
// report says what was tried.
TEST(CliTls, WrongCaIsExitThreeWithTheReason) {
  REQUIRE_CERTIFICATES();
  Target target(https());
  const TlsRun r = run_json({"-n", "200", "-c", "4", "--cacert", certs().other_ca, target.url()});
  EXPECT_EQ(r.child.exit_code, 3) << r.child.err;
  EXPECT_EQ(std::count(r.child.err.begin(), r.child.err.end(), '\n'), 1) << r.child.err;
  EXPECT_EQ(r.child.err.rfind("ringbench: no connection could be established: ", 0), 0u) << r.child.err;
  EXPECT_NE(r.child.err.find("certificate verify failed"), std::string::npos) << r.child.err;
  EXPECT_EQ(r.doc["summary"]["responses"], 0);
  EXPECT_EQ(r.doc["summary"]["connections"], 0);
  EXPECT_EQ(r.doc["summary"]["connect_failures"], 4);
  EXPECT_EQ(target.served(), 0u);
  const std::string reason = r.doc["error_messages"]["tls"];
  EXPECT_NE(reason.find("certificate verify failed"), std::string::npos) << reason;
}

TEST(CliTls, HostnameMismatchAndInsecure) {
  REQUIRE_CERTIFICATES();
  Target target(https());
  const TlsRun wrong = run_json({"-n", "20", "-c", "2", "--cacert", certs().ca, "--sni", "wrong.example", target.url()});
  EXPECT_EQ(wrong.child.exit_code, 3) << wrong.child.err;
  EXPECT_NE(wrong.child.err.find("hostname mismatch"), std::string::npos) << wrong.child.err;
  EXPECT_EQ(wrong.doc["summary"]["connect_failures"], 2);
  const std::string reason = wrong.doc["error_messages"]["tls"];
  EXPECT_NE(reason.find("hostname mismatch"), std::string::npos) << reason;
  // Neither the system store nor the name check: -k accepts the test CA's certificate.
  const TlsRun insecure = run_json({"-n", "20", "-c", "2", "-k", "--sni", "wrong.example", target.url()});
  EXPECT_EQ(insecure.doc["summary"]["responses"], 20) << insecure.child.err;
}

TEST(CliTls, MutualTlsNeedsTheClientCertificate) {
  REQUIRE_CERTIFICATES();
  Target target(https(true));
  const TlsRun without = run_json({"-n", "40", "-c", "2", "--cacert", certs().ca, target.url()});
  EXPECT_EQ(without.doc["summary"]["responses"], 0);
  EXPECT_EQ(without.doc["errors"]["tls"].get<int>() + without.doc["errors"]["reset"].get<int>(), 40)
      << without.doc["errors"].dump();
  EXPECT_EQ(target.served(), 0u);
  const TlsRun with = run_json({"-n", "40", "-c", "2", "--cacert", certs().ca, "--cert", certs().client_cert, "--key",
                             certs().client_key, target.url()});
  EXPECT_EQ(with.doc["summary"]["responses"], 40) << with.child.err;
  EXPECT_EQ(target.served(), 40u);
}

TEST(CliTls, VersionLimitsAreNegotiated) {
  REQUIRE_CERTIFICATES();
  Target target(https());
  const TlsRun v12 = run_json({"-n", "50", "-c", "2", "--cacert", certs().ca, "--tls-max", "1.2", target.url()});
  EXPECT_EQ(v12.doc["summary"]["tls"]["version"], "TLSv1.2") << v12.child.err;
  EXPECT_EQ(v12.doc["summary"]["responses"], 50);
  const TlsRun v13 = run_json({"-n", "50", "-c", "2", "--cacert", certs().ca, "--tls-min", "1.3", target.url()});
  EXPECT_EQ(v13.doc["summary"]["tls"]["version"], "TLSv1.3");
  EXPECT_EQ(v13.doc["summary"]["responses"], 50);
}

// Every request on a new connection: reconnects resume the slot's session (TLS 1.3 tickets,
// and TLS 1.2), unless --no-resume forces full handshakes.
TEST(CliTls, ReconnectsResumeUnlessTold) {
  REQUIRE_CERTIFICATES();
  Target target(https());
  for (const char* max : {"1.3", "1.2"}) {
    const TlsRun resumed = run_json({"-n", "200", "-c", "4", "--disable-keepalive", "--tls-max", max, "--cacert",
                                  certs().ca, target.url()});
    EXPECT_EQ(resumed.doc["summary"]["responses"], 200) << resumed.child.err;
    EXPECT_GE(resumed.doc["summary"]["tls"]["handshakes_resumed"].get<int>(), 190) << max << resumed.doc["summary"].dump();
  }
  const TlsRun full = run_json({"-n", "100", "-c", "4", "--disable-keepalive", "--no-resume", "--cacert", certs().ca,
                             target.url()});
  EXPECT_EQ(full.doc["summary"]["responses"], 100);
  EXPECT_EQ(full.doc["summary"]["tls"]["handshakes_resumed"], 0);
  EXPECT_GE(full.doc["summary"]["tls"]["handshakes_full"].get<int>(), 100);
}

TEST(CliTls, ServeRefusesUnreadableCertificates) {
  const ChildResult r = run_ringbench({"serve", "--tls-cert", "/nonexistent/cert.pem", "--tls-key", "/nonexistent/key.pem"});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("--tls-cert"), std::string::npos) << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
}

// The flags reach the server's context: an empty range is refused before anything listens.
TEST(CliTls, ServeVersionFlagsReachTheContext) {
  REQUIRE_CERTIFICATES();
  const ChildResult r = run_ringbench({"serve", "--port", "0", "--tls-cert", certs().server_cert, "--tls-key",
                                       certs().server_key, "--tls-min", "1.3", "--tls-max", "1.2"});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("--tls-min 1.3 is above --tls-max 1.2"), std::string::npos) << r.err;
}
