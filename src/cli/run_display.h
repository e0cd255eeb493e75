#pragma once
// What the user sees while a run goes on: the progress line on stderr (terminal only) and,
// with -o ndjson, one JSON line per interval on stdout.
#include <cstdint>
#include <optional>
#include <ostream>

#include "ringbench/core/config.h"
#include "ringbench/engine/run_observer.h"

namespace ringbench::cli {

class RunDisplay : public engine::RunObserver {
 public:
  RunDisplay(const Config& config, bool progress, std::ostream* ndjson);
  ~RunDisplay() override;

  void on_tick(const engine::LiveCounters& live) override;
  void on_interval(const stats::IntervalSummary& interval) override;

  // Removes the progress line so the report starts on a clean line.
  void clear();

 private:
  void draw(const std::string& line);
  std::optional<double> duration_s_;
  std::optional<uint64_t> requests_;
  bool progress_;
  std::ostream* ndjson_;
  uint64_t last_tick_ns_ = 0;
  uint64_t last_responses_ = 0;
  size_t drawn_width_ = 0;
};

}  // namespace ringbench::cli
