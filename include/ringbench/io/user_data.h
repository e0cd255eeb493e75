#pragma once
// The 64-bit user_data of every SQE: operation, connection slot and slot generation.
// The generation lets a worker drop late completions that belong to a connection that has
// since been closed and whose slot was reused.
#include <cstdint>

namespace ringbench::io {

struct UserData {
  uint8_t op = 0;        // caller-defined operation code
  uint32_t generation = 0;  // only the low 24 bits are carried
  uint32_t slot = 0;

  static constexpr uint32_t generation_mask = 0xFF'FFFF;

  constexpr uint64_t encode() const noexcept {
    return (uint64_t(op) << 56) | (uint64_t(generation & generation_mask) << 32) | slot;
  }
  static constexpr UserData decode(uint64_t v) noexcept {
    return UserData{uint8_t(v >> 56), uint32_t(v >> 32) & generation_mask, uint32_t(v)};
  }
  // Whether this completion belongs to the slot's current socket: late CQEs of a closed one
  // still arrive after the slot was reused (docs/IO_URING.md, close-needs-cancel).
  constexpr bool of_generation(uint32_t current) const noexcept { return generation == (current & generation_mask); }
};

}  // namespace ringbench::io
