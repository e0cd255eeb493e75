#include "ringbench/report/run_context.h"

#include <fmt/format.h>

#include <cctype>
#include <ctime>
#include <string_view>

namespace ringbench::report {

namespace {

using json = nlohmann::ordered_json;

}  // namespace

json machine_json(const Machine& m) {
  return {{"cpus", m.cpus}, {"memory_mb", m.memory_mb}, {"kernel", m.kernel}};
}

std::string utc_timestamp(std::chrono::system_clock::time_point at) {
  using namespace std::chrono;
  const auto micros = floor<microseconds>(at).time_since_epoch();
  const auto whole = floor<seconds>(micros);
  const std::time_t t = whole.count();
  std::tm utc{};
  gmtime_r(&t, &utc);
  char date[32];
  std::strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%S", &utc);
  return fmt::format("{}.{:06d}Z", date, (micros - whole).count());
}

json started_at_json(std::chrono::system_clock::time_point at) {
  if (at == std::chrono::system_clock::time_point{}) return nullptr;
  return utc_timestamp(at);
}

json comparability_config_json(const Config& config) {
  json tls = nullptr;
  if (is_https_url(config.url)) {
    tls = {{"min_version", config.tls.min_version},
           {"max_version", config.tls.max_version},
           {"resume", config.tls.resume}};
  }
  // Closed loop: rate, arrivals and seed are null (present, so a reader needs no key check);
  // stages are null without --stages (they ramp either loop).
  json rate = nullptr, arrivals = nullptr, seed = nullptr;
  json stages = config.stages.empty() ? json(nullptr) : json(format_stages(config.stages));
  if (config.rate) {
    rate = *config.rate;
    arrivals = config.arrivals == Arrivals::poisson ? "poisson" : "constant";
    seed = config.seed;
  }
  return {{"request_body_bytes", config.body.size()},
          {"pipeline", config.pipeline},
          {"tls", std::move(tls)},
          {"rate", std::move(rate)},
          {"arrivals", std::move(arrivals)},
          {"seed", std::move(seed)},
          {"stages", std::move(stages)}};
}

}  // namespace ringbench::report
