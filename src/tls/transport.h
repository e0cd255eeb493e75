#pragma once
// The memory "socket" under one wolfSSL session: its receive callback drains the InboundQueue
// (WANT_READ when it is empty, so wolfSSL returns instead of blocking) and its send callback
// appends to the OutboundBuffer (always accepting everything, so wolfSSL never sees WANT_WRITE).
#include "inbound_queue.h"
#include "library.h"
#include "outbound_buffer.h"

namespace ringbench::tls {

struct Transport {
  InboundQueue inbound;
  OutboundBuffer outbound;
};

// Installed on every context; the per-session Transport is the I/O context of the WOLFSSL.
int receive_from_transport(WOLFSSL* ssl, char* buf, int size, void* transport);
int send_to_transport(WOLFSSL* ssl, char* buf, int size, void* transport);

inline void install_transport_callbacks(WOLFSSL_CTX* ctx) {
  wolfSSL_CTX_SetIORecv(ctx, receive_from_transport);
  wolfSSL_CTX_SetIOSend(ctx, send_to_transport);
}

}  // namespace ringbench::tls
