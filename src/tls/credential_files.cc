#include "credential_files.h"

#include <wolfssl/openssl/evp.h>
#include <wolfssl/openssl/pem.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>

#include "ringbench/core/error.h"

namespace ringbench::tls {

namespace {

// wolfSSL says little about why a file failed; first make sure the file itself is readable.
void require_readable(const std::string& path, const std::string& flag) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  if (f == nullptr) throw_usage("cannot read " + flag + " " + path + ": " + std::strerror(errno));
  std::fclose(f);
}

template <class T, void (*Free)(T*)>
struct Freer {
  void operator()(T* p) const noexcept { Free(p); }
};
template <class T, void (*Free)(T*)>
using Owned = std::unique_ptr<T, Freer<T, Free>>;
using OwnedKey = Owned<WOLFSSL_EVP_PKEY, wolfSSL_EVP_PKEY_free>;
using OwnedCert = Owned<WOLFSSL_X509, wolfSSL_X509_free>;
using OwnedDigest = Owned<WOLFSSL_EVP_MD_CTX, wolfSSL_EVP_MD_CTX_free>;

// wolfSSL 5.5's check_private_key only compares the key TYPES (any two P-256 keys "match"), so
// a wrong --key would surface as a handshake failure on the peer. Sign a probe with the private
// key and verify it with the certificate's public key. False only on a definite mismatch: a key
// type the probe cannot handle is left to the handshake.
bool key_matches_certificate(const std::string& cert_path, const std::string& key_path) {
  OwnedCert cert(wolfSSL_X509_load_certificate_file(cert_path.c_str(), WOLFSSL_FILETYPE_PEM));
  std::FILE* f = std::fopen(key_path.c_str(), "rb");
  if (f == nullptr || cert == nullptr) {
    if (f != nullptr) std::fclose(f);
    return true;
  }
  OwnedKey key(wolfSSL_PEM_read_PrivateKey(f, nullptr, nullptr, nullptr));
  std::fclose(f);
  OwnedKey public_key(wolfSSL_X509_get_pubkey(cert.get()));
  OwnedDigest sign(wolfSSL_EVP_MD_CTX_new()), verify(wolfSSL_EVP_MD_CTX_new());
  if (!key || !public_key || !sign || !verify) return true;
  static const char probe[] = "ringbench key check";
  unsigned char signature[1024];
  size_t signature_size = sizeof signature;
  if (wolfSSL_EVP_DigestSignInit(sign.get(), nullptr, wolfSSL_EVP_sha256(), nullptr, key.get()) != WOLFSSL_SUCCESS ||
      wolfSSL_EVP_DigestSignUpdate(sign.get(), probe, sizeof probe) != WOLFSSL_SUCCESS ||
      wolfSSL_EVP_DigestSignFinal(sign.get(), signature, &signature_size) != WOLFSSL_SUCCESS)
    return true;
  if (wolfSSL_EVP_DigestVerifyInit(verify.get(), nullptr, wolfSSL_EVP_sha256(), nullptr, public_key.get()) != WOLFSSL_SUCCESS ||
      wolfSSL_EVP_DigestVerifyUpdate(verify.get(), probe, sizeof probe) != WOLFSSL_SUCCESS)
    return true;
  return wolfSSL_EVP_DigestVerifyFinal(verify.get(), signature, signature_size) == WOLFSSL_SUCCESS;
}

}  // namespace

void load_trusted_cas(WOLFSSL_CTX* ctx, const std::string& path, const std::string& flag) {
  require_readable(path, flag);
  // A system bundle may hold a certificate wolfSSL cannot parse; skip those rather than
  // refusing the whole store. The call still fails when no certificate at all was loaded.
  if (wolfSSL_CTX_load_verify_locations_ex(ctx, path.c_str(), nullptr, WOLFSSL_LOAD_FLAG_IGNORE_ERR) != WOLFSSL_SUCCESS)
    throw_usage(flag + " " + path + ": no PEM certificate wolfSSL can use");
}

void load_identity(WOLFSSL_CTX* ctx, const std::string& cert_path, const char* cert_flag,
                   const std::string& key_path, const char* key_flag) {
  if (cert_path.empty() && key_path.empty()) return;
  if (key_path.empty()) throw_usage(std::string(cert_flag) + " needs " + key_flag + " FILE (its private key)");
  if (cert_path.empty()) throw_usage(std::string(key_flag) + " needs " + cert_flag + " FILE (its certificate)");
  require_readable(cert_path, cert_flag);
  require_readable(key_path, key_flag);
  if (wolfSSL_CTX_use_certificate_chain_file(ctx, cert_path.c_str()) != WOLFSSL_SUCCESS)
    throw_usage(std::string(cert_flag) + " " + cert_path + ": not a PEM certificate (chain) wolfSSL can use");
  if (wolfSSL_CTX_use_PrivateKey_file(ctx, key_path.c_str(), WOLFSSL_FILETYPE_PEM) != WOLFSSL_SUCCESS)
    throw_usage(std::string(key_flag) + " " + key_path +
                ": not a PEM private key wolfSSL can use (encrypted keys are not supported)");
  if (wolfSSL_CTX_check_private_key(ctx) != WOLFSSL_SUCCESS || !key_matches_certificate(cert_path, key_path))
    throw_usage(std::string(key_flag) + " " + key_path + " does not match the certificate in " + cert_flag + " " + cert_path);
}

}  // namespace ringbench::tls
