#pragma once
// What a TLS client or server is configured with: the -k/--insecure, --cacert, --cert, --key,
// --tls-min, --tls-max, --no-resume flags of a run and the --tls-* flags of `ringbench serve`.
// Checked (files read, versions parsed) when a ClientContext or ServerContext is built.
#include <string>

namespace ringbench::tls {

struct ClientOptions {
  std::string min_version = "1.2";  // "1.2" | "1.3" (--tls-min)
  std::string max_version = "1.3";  // "1.2" | "1.3" (--tls-max)
  bool verify = true;               // certificate and hostname verification; -k/--insecure clears it
  std::string ca_file;              // --cacert; empty = the system store (system_ca_file)
  std::string cert_file;            // --cert: client certificate (chain) for mutual TLS, PEM
  std::string key_file;             // --key: its private key, PEM
  bool resume = true;               // session resumption on reconnect; --no-resume clears it
};

struct ServerOptions {
  std::string cert_file;       // --tls-cert: certificate chain, PEM (leaf first)
  std::string key_file;        // --tls-key: private key, PEM
  std::string client_ca_file;  // --tls-client-ca: CAs client certificates are verified against
  bool require_client_cert = false;  // mutual TLS: refuse clients without a valid certificate
  std::string min_version = "1.2";
  std::string max_version = "1.3";
};

// The CA bundle used when ClientOptions::ca_file is empty (Debian's ca-certificates).
inline constexpr const char* system_ca_file = "/etc/ssl/certs/ca-certificates.crt";

}  // namespace ringbench::tls
