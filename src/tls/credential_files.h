#pragma once
// Loading PEM files into a context with one-line errors that name the flag and the file:
// "cannot read --cacert /x/ca.pem: No such file or directory",
// "--key /x/client.key: not a PEM private key wolfSSL can use".
#include <string>

#include "library.h"

namespace ringbench::tls {

// Trusted CAs for verifying the peer (a bundle of PEM certificates). `flag` names the option
// in messages ("--cacert", "the system CA store"). Throws Error(usage).
void load_trusted_cas(WOLFSSL_CTX* ctx, const std::string& path, const std::string& flag);

// Our certificate chain (leaf first) and its private key; checks that they match.
// Throws Error(usage); when only one of the two is given, says which one is missing.
void load_identity(WOLFSSL_CTX* ctx, const std::string& cert_path, const char* cert_flag,
                   const std::string& key_path, const char* key_flag);

}  // namespace ringbench::tls
