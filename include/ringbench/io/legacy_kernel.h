#pragma once
// A switch that makes ringbench behave as on an old kernel, so the fallback paths run in CI on
// a new one: with RINGBENCH_LEGACY_KERNEL=1 in the environment, the ring is set up without
// DEFER_TASKRUN (COOP_TASKRUN instead), provided buffers are consumed whole instead of
// incrementally, and the io_uring setsockopt and bind commands count as unsupported.
// Only tests set it; each fallback it forces is reported like a real one.
namespace ringbench::io {

bool legacy_kernel_forced() noexcept;

}  // namespace ringbench::io
