#pragma once
// Certificates for the tls tests, made at run time with the openssl CLI into a temporary
// directory that is removed at exit: a CA, a server certificate for "localhost" with IP SANs
// 127.0.0.1 and ::1 signed by it (and an expired twin), a client certificate signed by it, and
// an unrelated CA.
#include <string>

namespace ringbench::tls::test {

struct TestCertificates {
  std::string dir;
  std::string ca;           // PEM
  std::string server_cert;  // localhost, 127.0.0.1, ::1; signed by ca
  std::string server_key;
  std::string expired_server_cert;  // the same name and key, expired yesterday
  std::string client_cert;  // clientAuth; signed by ca
  std::string client_key;
  std::string other_ca;     // unrelated CA
  std::string error;        // why generation failed (empty when it worked)

  bool ok() const { return error.empty(); }
};

enum class KeyType { ec_p256, rsa_2048 };

// Generated once per process and key type.
const TestCertificates& test_certificates(KeyType type = KeyType::ec_p256);

}  // namespace ringbench::tls::test
