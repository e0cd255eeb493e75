// libFuzzer target: the small grammars users type. The first byte picks one; the rest is the
// text. Each either throws ringbench::Error (the CLI's one-line usage error) or returns a
// value; durations and --stages that are accepted read back the same from their printed form,
// and a --conc list stays bounded (a level list is never an unbounded allocation).
#include <fuzzer/FuzzedDataProvider.h>

#include <cstdio>
#include <cstdlib>
#include <string>

#include "ringbench/core/duration.h"
#include "ringbench/core/error.h"
#include "ringbench/core/size.h"
#include "ringbench/core/stages.h"
#include "ringbench/report/compare.h"
#include "ringbench/report/slo.h"
#include "ringbench/report/threshold.h"
#include "ringbench/sweep/concurrency_spec.h"

namespace {

void fail(const char* what, const std::string& text) {
  std::fprintf(stderr, "grammar invariant broken: %s for \"%s\"\n", what, text.c_str());
  std::abort();
}

void one(uint8_t which, const std::string& text) {
  using namespace ringbench;
  switch (which % 7) {
    case 0: {
      const Nanos d = parse_duration(text, "--duration");
      const Nanos back = parse_duration(format_duration(d), "--duration");
      // Exact up to 2^53 ns, where a double holds every nanosecond (duration.h).
      const bool exact_range = d.count() <= (int64_t(1) << 53);
      if (exact_range ? back != d : std::abs(double(back.count() - d.count())) > double(d.count()) * 1e-15) {
        fail("duration does not round-trip", text);
      }
      return;
    }
    case 1: parse_size(text, "--body-size"); return;
    case 2: {
      const std::vector<Stage> stages = parse_stages(text, "--stages");
      if (parse_stages(format_stages(stages), "--stages") != stages) fail("stages do not round-trip", text);
      return;
    }
    case 3: report::parse_slo(text); return;
    case 4: report::parse_threshold(text); return;
    case 5: report::parse_regression_limits(text); return;
    case 6:
      if (sweep::parse_concurrency_spec(text).size() > 100000) fail("an unbounded level list", text);
      return;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  FuzzedDataProvider in(data, size);
  const uint8_t which = in.ConsumeIntegral<uint8_t>();
  const std::string text = in.ConsumeRemainingBytesAsString();
  try {
    one(which, text);
  } catch (const ringbench::Error&) {
    // a usage error with its reason
  }
  return 0;
}
