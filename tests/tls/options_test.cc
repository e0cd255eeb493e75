// Bad options fail when the context is built, with Error(usage) and a one-line reason.
#include <fstream>

#include "ringbench/core/error.h"
#include "tls_test_fixture.h"

namespace ringbench::tls::test {
namespace {

// The message of the Error(usage) that `make` throws, or a description of what went wrong.
template <class F>
std::string usage_error(F make) {
  try {
    make();
  } catch (const Error& e) {
    if (e.code() != ExitCode::usage) return "wrong exit code for: " + std::string(e.what());
    return e.what();
  } catch (const std::exception& e) {
    return std::string("not an Error: ") + e.what();
  }
  return "no error";
}

using OptionsTest = TlsTest;

TEST_F(OptionsTest, VersionsOtherThan12And13AreRefused) {
  ClientOptions o = client_options("1.1");
  EXPECT_EQ(usage_error([&] { ClientContext c(o); }), "--tls-min 1.1: TLS version must be 1.2 or 1.3");
  o = client_options("1.2", "2");
  EXPECT_EQ(usage_error([&] { ClientContext c(o); }), "--tls-max 2: TLS version must be 1.2 or 1.3");
  o = client_options("1.3", "1.2");
  EXPECT_EQ(usage_error([&] { ClientContext c(o); }), "--tls-min 1.3 is above --tls-max 1.2");
  ServerOptions s = server_options("1.0");
  EXPECT_EQ(usage_error([&] { ServerContext c(s); }), "--tls-min 1.0: TLS version must be 1.2 or 1.3");
}

TEST_F(OptionsTest, VersionSpellingsAreAccepted) {
  EXPECT_NO_THROW(ClientContext(client_options("TLSv1.2", "tls1.3")));
}

TEST_F(OptionsTest, MissingFilesAreNamed) {
  ClientOptions o = client_options();
  o.ca_file = "/nonexistent/ca.pem";
  EXPECT_EQ(usage_error([&] { ClientContext c(o); }), "cannot read --cacert /nonexistent/ca.pem: No such file or directory");
  o = client_options();
  o.cert_file = "/nonexistent/client.pem";
  o.key_file = certs->client_key;
  EXPECT_EQ(usage_error([&] { ClientContext c(o); }), "cannot read --cert /nonexistent/client.pem: No such file or directory");
  ServerOptions s = server_options();
  s.key_file = "/nonexistent/server.key";
  EXPECT_EQ(usage_error([&] { ServerContext c(s); }), "cannot read --tls-key /nonexistent/server.key: No such file or directory");
}

TEST_F(OptionsTest, FilesThatAreNotPemAreRefused) {
  const std::string junk = certs->dir + "/junk.pem";
  std::ofstream(junk) << "this is not a certificate\n";
  ClientOptions o = client_options();
  o.ca_file = junk;
  EXPECT_EQ(usage_error([&] { ClientContext c(o); }), "--cacert " + junk + ": no PEM certificate wolfSSL can use");
  ServerOptions s = server_options();
  s.cert_file = junk;
  EXPECT_EQ(usage_error([&] { ServerContext c(s); }), "--tls-cert " + junk + ": not a PEM certificate (chain) wolfSSL can use");
  s = server_options();
  s.key_file = junk;
  EXPECT_NE(usage_error([&] { ServerContext c(s); }).find("--tls-key " + junk + ": not a PEM private key"), std::string::npos);
}

TEST_F(OptionsTest, CertificateAndKeyComeTogetherAndMatch) {
  ClientOptions o = client_options();
  o.cert_file = certs->client_cert;
  EXPECT_EQ(usage_error([&] { ClientContext c(o); }), "--cert needs --key FILE (its private key)");
  o.cert_file.clear();
  o.key_file = certs->client_key;
  EXPECT_EQ(usage_error([&] { ClientContext c(o); }), "--key needs --cert FILE (its certificate)");
  o.cert_file = certs->client_cert;
  o.key_file = certs->server_key;
  EXPECT_EQ(usage_error([&] { ClientContext c(o); }),
            "--key " + certs->server_key + " does not match the certificate in --cert " + certs->client_cert);
}

TEST_F(OptionsTest, ServerNeedsItsCertificateAndAClientCaToRequireClientCertificates) {
  ServerOptions s;
  EXPECT_EQ(usage_error([&] { ServerContext c(s); }), "serving HTTPS needs --tls-cert FILE and --tls-key FILE");
  s = server_options();
  s.require_client_cert = true;
  EXPECT_EQ(usage_error([&] { ServerContext c(s); }),
            "requiring client certificates needs --tls-client-ca FILE to verify them against");
}

TEST_F(OptionsTest, SystemStoreIsTheDefault) {
  ClientOptions o;  // verify on, no --cacert
  std::ifstream store(system_ca_file);
  if (!store) {
    EXPECT_NE(usage_error([&] { ClientContext c(o); }).find("the system CA store"), std::string::npos);
    GTEST_SKIP() << system_ca_file << " is missing (Debian package ca-certificates)";
  }
  EXPECT_NO_THROW(ClientContext c(o));
}

// Only meaningful in a build without wolfSSL: every context refuses, with the usage exit code.
TEST(UnavailableTest, ContextsRefuseWithAClearMessage) {
  if (available()) GTEST_SKIP() << "this build has HTTPS; the stub is tested in a -Dtls=disabled build";
  EXPECT_EQ(usage_error([] { ClientContext c(ClientOptions{}); }), "HTTPS support was not built (wolfSSL not found)");
  EXPECT_EQ(usage_error([] { ServerContext c(ServerOptions{}); }), "HTTPS support was not built (wolfSSL not found)");
}

}  // namespace
}  // namespace ringbench::tls::test
