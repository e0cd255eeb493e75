#include "ticket_refusal_watch.h"

#include <algorithm>

namespace ringbench::tls {

namespace {

constexpr uint8_t change_cipher_spec_record = 20;
constexpr uint8_t handshake_record = 22;
constexpr uint8_t hello_request = 0;
constexpr uint8_t server_hello = 2;
constexpr uint8_t new_session_ticket = 4;

}  // namespace

void TicketRefusalWatch::scan(const char* data, size_t n) noexcept {
  const auto* p = reinterpret_cast<const uint8_t*>(data);
  while (n > 0 && watching()) {
    if (record_left_ == 0) {  // in a record header
      record_header_[record_header_have_++] = *p++;
      --n;
      if (record_header_have_ == sizeof record_header_) on_record_header();
      continue;
    }
    // In a handshake record's payload: handshake message headers and bodies, which may span records.
    if (message_left_ > 0) {
      const size_t skip = std::min({n, record_left_, message_left_});
      p += skip;
      n -= skip;
      record_left_ -= skip;
      message_left_ -= skip;
      continue;
    }
    message_header_[message_header_have_++] = *p++;
    --n;
    --record_left_;
    if (message_header_have_ == sizeof message_header_) {
      message_header_have_ = 0;
      message_left_ = size_t(message_header_[1]) << 16 | size_t(message_header_[2]) << 8 | message_header_[3];
      on_message_type(message_header_[0]);
    }
  }
}

void TicketRefusalWatch::on_record_header() noexcept {
  record_header_have_ = 0;
  record_type_ = record_header_[0];
  record_left_ = size_t(record_header_[3]) << 8 | record_header_[4];
  if (record_type_ == change_cipher_spec_record && seen_server_hello_) verdict_ = Verdict::accepted;
  else if (record_type_ != handshake_record) verdict_ = Verdict::not_applicable;  // alert, encrypted (TLS 1.3), junk
  else if (record_left_ == 0) verdict_ = Verdict::not_applicable;                 // malformed: let wolfSSL say so
}

void TicketRefusalWatch::on_message_type(uint8_t type) noexcept {
  if (!seen_server_hello_) {
    if (type == server_hello) seen_server_hello_ = true;
    else if (type != hello_request) verdict_ = Verdict::not_applicable;
    return;
  }
  verdict_ = type == new_session_ticket ? Verdict::accepted : Verdict::refused;
}

}  // namespace ringbench::tls
