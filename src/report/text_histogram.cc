// "Response time histogram" and its legend: log-spaced lines, bars coloured by the band
// (slo.h) of their upper edge, and the band bounds in ms so the colours can be read. The
// legend names what each bound is (the run's p50, an SLO target), never a verdict.
#include <fmt/format.h>
#include <fmt/ostream.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <string>
#include <string_view>
#include <vector>

#include "ringbench/report/ansi.h"
#include "text_sections.h"

namespace ringbench::report {

namespace {

using stats::Histogram;

constexpr double bar_width = 40;  // characters of the longest bar
// A histogram taller than a screen is no longer read at a glance; also bounds the allocation.
constexpr uint32_t max_lines = 1000;
constexpr size_t legend_columns = 3;
// Partial blocks for 1/8 .. 7/8 of a character, so short bars still differ in length.
constexpr std::array<const char*, 8> eighths = {"", "▏", "▎", "▍", "▌", "▋", "▊", "▉"};

struct Line {
  double upper_ns;
  uint64_t count;
};

// `count` geometric edges after `from`, the last exactly `to`, appended to `lines`.
void append_geometric(std::vector<Line>& lines, double from, double to, uint32_t count) {
  const double ratio = std::pow(to / from, 1.0 / count);
  for (uint32_t i = 1; i < count; ++i) lines.push_back(Line{from * std::pow(ratio, i), 0});
  lines.push_back(Line{to, 0});  // exact, whatever pow rounded to
}

// Geometric edges between fastest and slowest, so one slow outlier stretches the scale by a
// few lines instead of squeezing every other response into the first one, as linear edges
// would. When the tail beyond p99.9 would still take more than half of a log scale (10,000
// responses near 1 ms and one at 5 s), the body min..p99.9 gets its own log scale over 3/4
// of the lines and the tail the rest: otherwise the body would still fit in one line.
std::vector<Line> edges_of(const Histogram& h, uint32_t n) {
  const double lo = static_cast<double>(std::max<uint64_t>(h.min(), 1));
  const double hi = static_cast<double>(h.max());
  const double knee = static_cast<double>(h.percentile(99.9));
  std::vector<Line> lines;
  if (n < 4 || knee <= lo || knee >= hi || std::log(knee / lo) * 2 >= std::log(hi / lo)) {
    append_geometric(lines, lo, hi, n);
    return lines;
  }
  const uint32_t tail = n / 4;
  append_geometric(lines, lo, knee, n - tail);
  append_geometric(lines, knee, hi, tail);
  return lines;
}

// Counts come from the histogram's own buckets (placed by their lowest value), so the lines
// add up to count().
std::vector<Line> lines_of(const Histogram& h, uint32_t wanted) {
  if (h.max() <= std::max<uint64_t>(h.min(), 1)) {  // a single distinct value: a single line
    return {Line{static_cast<double>(h.max()), h.count()}};
  }
  std::vector<Line> lines = edges_of(h, std::clamp<uint32_t>(wanted, 1, max_lines));
  h.for_each_bucket([&](uint64_t lowest, uint64_t, uint64_t count) {
    auto it = std::lower_bound(lines.begin(), lines.end(), static_cast<double>(lowest),
                               [](const Line& l, double v) { return l.upper_ns < v; });
    (it == lines.end() ? lines.back() : *it).count += count;
  });
  return lines;
}

// Bar length in eighths of a character; a non-empty line always gets a visible sliver, or a
// lone outlier next to 10,000 fast responses would look like an empty line.
uint64_t eighths_of(uint64_t count, uint64_t largest) {
  if (count == 0) return 0;
  const double exact = static_cast<double>(count) / static_cast<double>(largest) * bar_width * 8;
  return std::max<uint64_t>(static_cast<uint64_t>(exact), 1);
}

std::string bar_of(uint64_t count, uint64_t largest, const Style& style) {
  const uint64_t e = eighths_of(count, largest);
  if (!style.unicode) return std::string(e == 0 ? 0 : std::max<uint64_t>(e / 8, 1), '#');
  std::string bar;
  for (uint64_t i = 0; i < e / 8; ++i) bar += "█";
  return bar + eighths[e % 8];
}

uint64_t to_ns(double ns) { return static_cast<uint64_t>(std::llround(ns)); }

// "■ p50        ≤ 2.00 ms" / "# SLO p99    <= 15.00ms"; the last band is "above" the last bound.
std::string legend_entry(SloLevel level, const SloThresholds& t, size_t label_width,
                         const Style& style) {
  const bool above = level == SloLevel::violation;
  const size_t bound = above ? t.upper_ns.size() - 1 : static_cast<size_t>(level);
  const std::string ms = format_ms(static_cast<double>(t.upper_ns[bound]));
  const char* cmp = above ? ">" : (style.unicode ? "≤" : "<=");
  const char* label = band_label(level, t);
  return style.unicode ? fmt::format("■ {:<{}} {} {} ms", label, label_width, cmp, ms)
                       : fmt::format("# {:<{}} {} {}ms", label, label_width, cmp, ms);
}

// A band whose bound equals the one before holds no value (level_of picks the first bound a
// value fits under), so it has nothing to explain; the first and the last band always show.
std::vector<SloLevel> shown_bands(const SloThresholds& t) {
  std::vector<SloLevel> bands;
  for (int i = 0; i < slo_level_count; ++i) {
    const auto level = static_cast<SloLevel>(i);
    const auto at = static_cast<size_t>(i);
    if (at > 0 && at < t.upper_ns.size() && t.upper_ns[at] == t.upper_ns[at - 1]) continue;
    bands.push_back(level);
  }
  return bands;
}

// Terminal columns of UTF-8 text whose characters are all one column wide (■, ≤, letters).
size_t columns_of(const std::string& text) {
  return static_cast<size_t>(std::count_if(text.begin(), text.end(), [](char ch) {
    return (static_cast<unsigned char>(ch) & 0xC0) != 0x80;
  }));
}

}  // namespace

void write_histogram(std::ostream& out, const TextContext& ctx) {
  const Histogram& h = ctx.latency();
  out << "Response time histogram:\n";
  if (h.count() == 0) {
    out << "  (no responses)\n";
    return;
  }
  const std::vector<Line> lines = lines_of(h, ctx.options.hist_bins);
  uint64_t largest = 0;
  for (const Line& l : lines) largest = std::max(largest, l.count);
  const size_t width = std::to_string(largest).size();
  for (const Line& l : lines) {
    const int color = ansi256_of(level_of(to_ns(l.upper_ns), ctx.levels));
    fmt::print(out, "  {} [{:>{}}] |{}\n", ctx.secs(l.upper_ns), l.count, width,
               paint(bar_of(l.count, largest, ctx.style()), color, ctx.style()));
  }
}

// Said once, here: without --slo the colours only compare the run with itself; with it, the
// bounds the targets set are marked "SLO" and the verdicts are in "SLO targets".
void write_legend(std::ostream& out, const TextContext& ctx) {
  if (ctx.latency().count() == 0) return;  // no run-relative bands without a response
  const std::vector<SloLevel> bands = shown_bands(ctx.levels);
  size_t label_width = 0;
  for (SloLevel level : bands) {
    label_width = std::max(label_width, std::string_view(band_label(level, ctx.levels)).size());
  }
  std::vector<std::string> entries;
  size_t width = 0;
  for (SloLevel level : bands) {
    entries.push_back(legend_entry(level, ctx.levels, label_width, ctx.style()));
    width = std::max(width, columns_of(entries.back()));
  }
  out << (ctx.options.slo.targets.empty()
              ? "Legend (colours relative to this run, no SLO given):\n"
              : "Legend (colours relative to this run and the --slo targets):\n");
  for (size_t i = 0; i < entries.size(); ++i) {
    const bool row_end = i % legend_columns == legend_columns - 1 || i + 1 == entries.size();
    out << (i % legend_columns == 0 ? "  " : "")
        << paint(entries[i], ansi256_of(bands[i]), ctx.style())
        << (row_end ? "\n" : std::string(width - columns_of(entries[i]) + 3, ' '));
  }
}

}  // namespace ringbench::report
