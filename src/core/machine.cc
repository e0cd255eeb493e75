#include "ringbench/core/machine.h"

#include <sys/sysinfo.h>
#include <sys/utsname.h>

#include <algorithm>

#include "ringbench/core/cpu_set.h"

namespace ringbench {

Machine probe_machine() {
  Machine m;
  m.cpus = uint32_t(std::max<size_t>(1, allowed_cpus().size()));
  struct sysinfo info {};
  if (sysinfo(&info) == 0) m.memory_mb = uint64_t(info.totalram) * info.mem_unit / (1024 * 1024);
  struct utsname name {};
  if (uname(&name) == 0) m.kernel = name.release;
  return m;
}

}  // namespace ringbench
