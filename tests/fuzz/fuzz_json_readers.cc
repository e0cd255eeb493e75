// libFuzzer target: the readers of JSON documents ringbench did not necessarily write —
// compare's two reports, --ref-from-json's sweep, `report`'s document (drawn as HTML) and
// histogram_from_json. The fuzzer's bytes are parsed as JSON (not JSON: nothing to do) and
// given to each; each returns a result or throws ringbench::Error, never anything else: an
// escaped nlohmann exception would be an "internal error" for the user, and is a finding here.
#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <string>

#include "ringbench/core/error.h"
#include "ringbench/report/compare.h"
#include "ringbench/report/html_report.h"
#include "ringbench/report/json_report.h"
#include "ringbench/sweep/sweep_json.h"

namespace {

template <class F>
void clean(const char* reader, F&& f) {
  try {
    f();
  } catch (const ringbench::Error&) {
  } catch (const std::exception& e) {
    std::fprintf(stderr, "%s let through: %s\n", reader, e.what());
    std::abort();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const nlohmann::ordered_json doc = nlohmann::ordered_json::parse(data, data + size, nullptr, false);
  if (doc.is_discarded()) return 0;
  clean("histogram_from_json", [&] { ringbench::report::histogram_from_json(doc); });
  clean("reference_from_json", [&] { ringbench::sweep::reference_from_json(doc); });
  clean("document_html", [&] { ringbench::report::document_html(doc); });
  clean("compare_runs", [&] {
    std::ostringstream out;
    ringbench::report::compare_runs(out, doc, doc, {}, {}, true);
  });
  return 0;
}
