#pragma once
// Ciphertext from the peer on its way into wolfSSL's receive callback. The common case copies
// nothing here: feed() only records where the caller's receive buffer is and take() copies from
// it straight into wolfSSL's record buffer. Bytes a call leaves unread are moved into a backlog
// by stash(), which take() drains first, so the caller's buffer can be recycled.
#include <cstddef>
#include <string>

namespace ringbench::tls {

class InboundQueue {
 public:
  static constexpr size_t retained_capacity = 32 * 1024;

  void feed(const char* data, size_t n);      // stashes what an earlier feed left unread
  size_t take(char* out, size_t n) noexcept;  // up to n bytes, backlog first; 0 = nothing left
  void stash();                               // copy the unread part of the fed bytes
  void drop() noexcept;                       // forget everything (session failed or closed)
  void end() noexcept { ended_ = true; }      // the peer closed its side
  bool ended() const noexcept { return ended_; }
  bool empty() const noexcept { return backlog_head_ == backlog_.size() && fed_size_ == 0; }

 private:
  const char* fed_ = nullptr;  // the caller's bytes, valid during the call that reads them
  size_t fed_size_ = 0;
  std::string backlog_;
  size_t backlog_head_ = 0;
  bool ended_ = false;
};

}  // namespace ringbench::tls
