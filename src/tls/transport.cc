#include "transport.h"

#include <new>

namespace ringbench::tls {

int receive_from_transport(WOLFSSL*, char* buf, int size, void* ctx) {
  auto* transport = static_cast<Transport*>(ctx);
  if (size <= 0) return 0;
  const size_t n = transport->inbound.take(buf, size_t(size));
  if (n > 0) return int(n);
  return transport->inbound.ended() ? WOLFSSL_CBIO_ERR_CONN_CLOSE : WOLFSSL_CBIO_ERR_WANT_READ;
}

int send_to_transport(WOLFSSL*, char* buf, int size, void* ctx) {
  auto* transport = static_cast<Transport*>(ctx);
  if (size <= 0) return 0;
  try {
    transport->outbound.append(buf, size_t(size));
  } catch (const std::bad_alloc&) {
    return WOLFSSL_CBIO_ERR_GENERAL;  // exceptions must not cross wolfSSL's C frames
  }
  return size;
}

}  // namespace ringbench::tls
