#include "failure_text.h"

namespace ringbench::tls {

namespace {

constexpr const char* verify_failed = "certificate verify failed: ";

// Our own checks of the peer's certificate (verification happens on our side).
const char* describe_verification(int error) {
  switch (error) {
    case ASN_NO_SIGNER_E: return "unknown CA";
    case DOMAIN_NAME_MISMATCH: return "hostname mismatch";
    case IPADDR_MISMATCH: return "IP address mismatch";
    case ASN_AFTER_DATE_E: return "certificate expired";
    case ASN_BEFORE_DATE_E: return "certificate not yet valid";
    case ASN_SIG_CONFIRM_E: return "bad certificate signature";
    case ASN_SELF_SIGNED_E: return "self-signed certificate";
    case ASN_PATHLEN_SIZE_E:
    case ASN_PATHLEN_INV_E:
    case MAX_CHAIN_ERROR: return "certificate chain too long";
    case NOT_CA_ERROR: return "issuer is not a CA";
    case KEYUSE_SIGNATURE_E:
    case KEYUSE_ENCIPHER_E:
    case EXTKEYUSE_AUTH_E: return "certificate not valid for this purpose (key usage)";
    case CRL_CERT_REVOKED:
    case OCSP_CERT_REVOKED: return "certificate revoked";
    case RSA_KEY_SIZE_E:
    case ECC_KEY_SIZE_E: return "certificate key too small";
    case ASN_PARSE_E: return "malformed certificate";
    default: return nullptr;
  }
}

const char* describe_local(int error) {
  switch (error) {
    case VERSION_ERROR:
    case UNSUPPORTED_PROTO_VERSION: return "no common TLS version";
    case MATCH_SUITE_ERROR: return "no common cipher suite";
    case NO_PEER_CERT: return "peer sent no certificate but one is required";
    case SOCKET_PEER_CLOSED_E:
    case SOCKET_ERROR_E: return "connection closed by the peer during the TLS handshake";
    case ZERO_RETURN: return "peer closed the TLS session (close_notify) during the handshake";
    case MEMORY_E:
    case MEMORY_ERROR: return "out of memory in TLS";
    case VERIFY_FINISHED_ERROR:
    case VERIFY_MAC_ERROR:
    case DECRYPT_ERROR: return "TLS record failed to decrypt (corrupted or tampered data)";
    case PARSE_ERROR:
    case UNKNOWN_RECORD_TYPE:
    case LENGTH_ERROR:
    case BUFFER_ERROR: return "malformed TLS record from the peer (is it speaking TLS?)";
    case UNKNOWN_ALPN_PROTOCOL_NAME_E: return "no common application protocol (ALPN)";
    case UNKNOWN_SNI_HOST_NAME_E: return "server name (SNI) not recognised";
    default: return nullptr;
  }
}

}  // namespace

std::string describe_alert(int alert) {
  switch (alert) {
    case certificate_required: return "peer requires a client certificate";
    case wolfssl_alert_protocol_version: return "no common TLS version";
    case handshake_failure: return "peer aborted the handshake (handshake_failure): no common cipher or group, or it requires a client certificate";
    case unknown_ca: return "peer rejected our certificate: unknown CA";
    case bad_certificate: return "peer rejected our certificate: bad certificate";
    case unsupported_certificate: return "peer rejected our certificate: unsupported certificate";
    case certificate_revoked: return "peer rejected our certificate: revoked";
    case certificate_expired: return "peer rejected our certificate: expired";
    case certificate_unknown: return "peer rejected our certificate";
    case no_application_protocol: return "no common application protocol (ALPN)";
    case unrecognized_name: return "server does not know the requested name (SNI)";
    case insufficient_security: return "peer requires stronger security (insufficient_security)";
    case decrypt_error: return "peer alert: decrypt_error";
    case decode_error: return "peer alert: decode_error";
    case illegal_parameter: return "peer alert: illegal_parameter";
    case unexpected_message: return "peer alert: unexpected_message";
    case bad_record_mac: return "peer alert: bad_record_mac";
    case internal_error: return "peer alert: internal_error";
    case access_denied: return "peer alert: access_denied";
    case missing_extension: return "peer alert: missing_extension";
    case unsupported_extension: return "peer alert: unsupported_extension";
    case close_notify: return "peer closed the TLS session (close_notify) during the handshake";
    default: return "peer sent TLS alert " + std::to_string(alert);
  }
}

std::string describe_failure(WOLFSSL* ssl, int error) {
  if (const char* what = describe_verification(error)) return std::string(verify_failed) + what;
  if (error == FATAL_ERROR) {
    WOLFSSL_ALERT_HISTORY history{};
    if (ssl != nullptr && wolfSSL_get_alert_history(ssl, &history) == WOLFSSL_SUCCESS && history.last_rx.level == alert_fatal)
      return describe_alert(history.last_rx.code);
    return "peer sent a fatal TLS alert";
  }
  if (const char* what = describe_local(error)) return what;
  char text[WOLFSSL_MAX_ERROR_SZ] = {};
  wolfSSL_ERR_error_string_n(static_cast<unsigned long>(error < 0 ? -error : error), text, sizeof text);
  return "TLS error " + std::to_string(error) + ": " + text;
}

}  // namespace ringbench::tls
