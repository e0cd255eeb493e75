#pragma once
// A chart drawn as inline SVG by the report itself: axes with units and readable ticks (linear
// or log), lines, points and bars, a legend, and a tooltip (<title>) on every mark. No script
// and no external resource, so an HTML report opens from disk with no network. Series differ
// in dash and marker as well as colour (Okabe-Ito's palette, safe for colour blindness), so
// no meaning rests on colour alone. Every series carries data-points="N" for the browser
// checks, and the page shows the same numbers as a table (html_page.h).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ringbench::report::svg {

struct Axis {
  std::string label{};            // with its unit: "latency (ms)"
  bool log = false;
  std::optional<double> min{}, max{};  // fixed bounds; none: from the data
};

enum class Mark { line, points, bars };

struct Point {
  double x = 0, y = 0;
  std::string tip{};  // tooltip; empty: "x, y"
  double width = 0;  // bars: from x to x + width (0: a thin bar)
};

struct Series {
  std::string name{};
  Mark mark = Mark::line;
  std::vector<Point> points{};
  std::string colour{};     // empty: the palette's next
  bool right_axis = false;  // against y2
  bool muted = false;       // drawn grey (disqualified, reference)
};

struct Chart {
  std::string id{};  // data-plot="id"
  std::string title{};
  Axis x{}, y{};
  std::optional<Axis> y2{};
  std::vector<Series> series{};
  std::optional<double> marker_x{};  // a vertical line (the sweet spot)
  std::string marker_label{};
};

// Okabe & Ito's eight colours, black first skipped (the axes are black).
const std::vector<std::string>& palette();

std::string render(const Chart& chart);

// "1.5", "20", "0.001", "1e+06": short, for ticks and tables.
std::string number(double v);

// Text for HTML and SVG: & < > " ' escaped.
std::string escape(std::string_view text);

}  // namespace ringbench::report::svg
