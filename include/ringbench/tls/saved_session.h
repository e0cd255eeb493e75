#pragma once
// A TLS session kept after a connection so the next connection to the same server resumes it
// (abbreviated handshake: no certificate exchange, no signature). Opaque and movable; the
// engine keeps one per connection slot and refreshes it with Session::save() after each
// handshake (see session.h for when a TLS 1.3 ticket is actually there).
// Not thread-safe: a SavedSession belongs to the worker that owns the slot.

namespace ringbench::tls {

class SavedSession {
 public:
  SavedSession() noexcept = default;
  ~SavedSession();
  SavedSession(SavedSession&& other) noexcept;
  SavedSession& operator=(SavedSession&& other) noexcept;
  SavedSession(const SavedSession&) = delete;
  SavedSession& operator=(const SavedSession&) = delete;

  // True when nothing resumable is held (never saved, cleared, or the server issued nothing).
  bool empty() const noexcept { return handle_ == nullptr; }
  void clear() noexcept;

 private:
  friend class Session;
  void* handle_ = nullptr;      // the library's session object (owned)
  bool tls12_ticket_ = false;   // a TLS 1.2 session resumed by ticket (see ticket_refusal_watch.h)
};

}  // namespace ringbench::tls
