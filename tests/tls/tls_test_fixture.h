#pragma once
// Base of the tls tests: skips visibly in a build without wolfSSL, fails visibly when the test
// certificates could not be made, and builds contexts from the generated files.
#include <gtest/gtest.h>

#include "memory_link.h"
#include "ringbench/tls/availability.h"
#include "ringbench/tls/client_context.h"
#include "ringbench/tls/server_context.h"
#include "ringbench/tls/session.h"
#include "test_certificates.h"

namespace ringbench::tls::test {

class TlsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!available()) GTEST_SKIP() << "HTTPS support was not built (wolfSSL not found): nothing to test";
    certs = &test_certificates();
    if (!certs->ok()) GTEST_FAIL() << certs->error;
  }

  ClientOptions client_options(const std::string& min = "1.2", const std::string& max = "1.3") const {
    ClientOptions o;
    o.ca_file = certs->ca;
    o.min_version = min;
    o.max_version = max;
    return o;
  }
  ServerOptions server_options(const std::string& min = "1.2", const std::string& max = "1.3") const {
    ServerOptions o;
    o.cert_file = certs->server_cert;
    o.key_file = certs->server_key;
    o.min_version = min;
    o.max_version = max;
    return o;
  }

  const TestCertificates* certs = nullptr;
};

}  // namespace ringbench::tls::test
