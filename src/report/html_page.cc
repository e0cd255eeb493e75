#include "html_page.h"

#include <fmt/format.h>

namespace ringbench::report::html {
namespace {

// Print: charts keep their width, tables do not split rows, <details> print open.
constexpr std::string_view page_style = R"(
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#111;margin:24px auto;max-width:960px;padding:0 16px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid #ccc;padding-bottom:3px}
table{border-collapse:collapse;margin:6px 0;font-variant-numeric:tabular-nums}td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}
th{background:#f2f2f2}td:first-child,th:first-child{text-align:left}table.facts td{text-align:left}
figure.chart{margin:8px 0}figure.chart svg{width:100%;height:auto;font-size:12px}figcaption{font-size:12px;color:#444}
.axis,.tick{stroke:#000}.grid{stroke:#e6e6e6}.label{font-weight:600}
.pass{font-weight:700}.fail{font-weight:700;text-decoration:underline}.muted{color:#666}
details{margin:2px 0 14px}summary{cursor:pointer;color:#333}pre{background:#f6f6f6;padding:8px;overflow-x:auto}
@media print{details{display:block}details>*{display:block}tr{break-inside:avoid}figure{break-inside:avoid}}
)";

}  // namespace

Page::Page(std::string_view title, std::string_view kind) : title_(title), kind_(kind) {}

void Page::heading(std::string_view text) { body_ += fmt::format("<h2>{}</h2>\n", svg::escape(text)); }

void Page::paragraph(std::string_view text, std::string_view css_class) {
  body_ += css_class.empty() ? fmt::format("<p>{}</p>\n", svg::escape(text))
                             : fmt::format("<p class=\"{}\">{}</p>\n", css_class, svg::escape(text));
}

void Page::facts(const std::vector<std::pair<std::string, std::string>>& rows) {
  body_ += "<table class=\"facts\">";
  for (const auto& [key, value] : rows) body_ += fmt::format("<tr><th>{}</th><td>{}</td></tr>", svg::escape(key), value);
  body_ += "</table>\n";
}

void Page::table(std::string_view id, const std::vector<std::string>& header,
                 const std::vector<std::vector<std::string>>& rows) {
  body_ += fmt::format("<table data-table=\"{}\"><tr>", svg::escape(id));
  for (const std::string& h : header) body_ += fmt::format("<th>{}</th>", svg::escape(h));
  body_ += "</tr>";
  for (const auto& row : rows) {
    body_ += "<tr>";
    for (const std::string& cell : row) body_ += fmt::format("<td>{}</td>", svg::escape(cell));
    body_ += "</tr>";
  }
  body_ += "</table>\n";
}

namespace {

bool same_xs(const std::vector<svg::Series>& series) {
  for (const svg::Series& s : series) {
    if (s.points.size() != series.front().points.size()) return false;
    for (size_t i = 0; i < s.points.size(); ++i) {
      if (s.points[i].x != series.front().points[i].x) return false;
    }
  }
  return true;
}

}  // namespace

// Series sharing their x values make one table (a column each); others a table each.
void Page::chart(const svg::Chart& chart) {
  body_ += svg::render(chart);
  body_ += fmt::format("<details><summary>Numbers of “{}”</summary>", svg::escape(chart.title));
  if (!chart.series.empty() && same_xs(chart.series)) {
    std::vector<std::string> header = {chart.x.label};
    for (const svg::Series& s : chart.series) header.push_back(s.name);
    std::vector<std::vector<std::string>> rows(chart.series.front().points.size());
    for (size_t i = 0; i < rows.size(); ++i) {
      rows[i].push_back(svg::number(chart.series.front().points[i].x));
      for (const svg::Series& s : chart.series) rows[i].push_back(svg::number(s.points[i].y));
    }
    table(chart.id, header, rows);
  } else {
    for (const svg::Series& s : chart.series) {
      std::vector<std::vector<std::string>> rows;
      rows.reserve(s.points.size());
      for (const svg::Point& p : s.points) rows.push_back({svg::number(p.x), svg::number(p.y)});
      body_ += fmt::format("<p>{}</p>", svg::escape(s.name));
      table(chart.id + ":" + s.name, {chart.x.label, s.right_axis && chart.y2 ? chart.y2->label : chart.y.label}, rows);
    }
  }
  body_ += "</details>\n";
}

void Page::raw(std::string_view html) { body_ += html; }

std::string Page::finish() {
  return fmt::format(
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"
      "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
      "<title>{0}</title><style>{1}</style></head>\n<body data-report=\"{2}\">\n<h1>{0}</h1>\n{3}</body></html>\n",
      svg::escape(title_), page_style, kind_, body_);
}

std::string verdict(bool pass) { return pass ? "<span class=\"pass\">PASS</span>" : "<span class=\"fail\">FAIL</span>"; }

}  // namespace ringbench::report::html
