#pragma once
// The frame of every HTML report: one self-contained page (inline CSS, no script, no font or
// image fetched, a Content-Security-Policy that forbids any load), headings, key/value and
// data tables, and a chart followed by its numbers as text.
#include <string>
#include <string_view>
#include <vector>

#include "svg_chart.h"

namespace ringbench::report::html {

class Page {
 public:
  Page(std::string_view title, std::string_view kind);  // kind: data-report="run|sweep|compare"

  void heading(std::string_view text);
  void paragraph(std::string_view text, std::string_view css_class = "");
  // Rows of (key, value), values already escaped where they are HTML.
  void facts(const std::vector<std::pair<std::string, std::string>>& rows);
  // A table with a header row; cells escaped here.
  void table(std::string_view id, const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows);
  // The chart, then its series as a table in a <details> block (the numbers the plot shows).
  void chart(const svg::Chart& chart);
  void raw(std::string_view html);  // already escaped

  std::string finish();

 private:
  std::string body_;
  std::string title_;
  std::string kind_;
};

// A verdict a reader does not need colour for: "PASS" / "FAIL" in words, with a class.
std::string verdict(bool pass);

}  // namespace ringbench::report::html
