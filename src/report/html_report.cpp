#include "report/html_report.hpp"

#include <fmt/format.h>

#include "report/column_heading.hpp"
#include "report/html_escape.hpp"
#include "report/number_format.hpp"

namespace sparkify::report {
namespace {

constexpr std::string_view kStyle = R"css(
:root {
  --ink: #1f2933; --muted: #616e7c; --line: #e4e7eb; --soft: #f5f7fa; --accent: #4e79a7;
  --pass: #1e7b4f; --pass-bg: #e3f6ec; --fail: #b42318; --fail-bg: #fdecea;
}
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body {
  margin: 0; color: var(--ink); background: #fff;
  font: 15px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
}
main { max-width: 1040px; margin: 0 auto; padding: 40px 32px 64px; }
header.page { border-bottom: 1px solid var(--line); padding-bottom: 20px; margin-bottom: 28px; }
h1 { font-size: 30px; line-height: 1.2; margin: 0 0 6px; letter-spacing: -0.01em; }
.subtitle { color: var(--muted); margin: 0; font-size: 16px; }
h2 { font-size: 20px; margin: 0 0 4px; letter-spacing: -0.005em; }
h2 a.anchor { color: inherit; text-decoration: none; }
section { margin: 36px 0 0; }
.lead { color: var(--muted); margin: 0 0 14px; max-width: 72ch; }
dl.summary {
  display: grid; grid-template-columns: repeat(auto-fill, minmax(200px, 1fr));
  gap: 10px 24px; margin: 18px 0 0;
}
dl.summary div { min-width: 0; }
dl.summary dt { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: .06em; }
dl.summary dd { margin: 2px 0 0; font-weight: 600; overflow-wrap: anywhere; }
nav.toc { margin: 20px 0 0; font-size: 14px; }
nav.toc ol { margin: 6px 0 0; padding-left: 20px; columns: 2; column-gap: 32px; }
nav.toc a { color: var(--accent); text-decoration: none; }
nav.toc a:hover { text-decoration: underline; }
.verdict {
  display: flex; align-items: center; gap: 10px; padding: 12px 16px; border-radius: 8px;
  font-weight: 600; margin: 0 0 14px;
}
.verdict.pass { background: var(--pass-bg); color: var(--pass); }
.verdict.fail { background: var(--fail-bg); color: var(--fail); }
.badge {
  display: inline-block; min-width: 58px; text-align: center; padding: 1px 8px; border-radius: 999px;
  font-size: 12px; font-weight: 700; letter-spacing: .04em;
}
.badge.pass { background: var(--pass-bg); color: var(--pass); }
.badge.fail { background: var(--fail-bg); color: var(--fail); }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(170px, 1fr)); gap: 12px; }
.card { border: 1px solid var(--line); border-radius: 8px; padding: 12px 14px; background: var(--soft); }
.card .label { color: var(--muted); font-size: 13px; overflow-wrap: anywhere; }
.card .value { font-size: 24px; font-weight: 650; font-variant-numeric: tabular-nums; }
figure { margin: 0 0 14px; }
svg.chart { display: block; max-width: 100%; height: auto; }
.no-data {
  border: 1px dashed #cbd2d9; border-radius: 8px; padding: 18px; color: var(--muted);
  background: var(--soft); margin: 0 0 14px;
}
.table-wrap {
  display: inline-block; max-width: 100%; overflow-x: auto; vertical-align: top;
  border: 1px solid var(--line); border-radius: 8px;
}
table { border-collapse: collapse; min-width: 420px; font-size: 14px; }
th, td { padding: 6px 16px; text-align: left; vertical-align: top; }
details.data { margin: 4px 0 0; }
details.data > summary {
  cursor: pointer; color: var(--accent); font-size: 14px; margin: 0 0 10px; width: max-content;
}
@media print { details.data > *:not(summary) { display: block; } }
th {
  background: var(--soft); color: var(--muted); font-weight: 600; font-size: 13px;
  border-bottom: 1px solid var(--line);
  white-space: nowrap;
}
tbody tr + tr td { border-top: 1px solid var(--line); }
tbody tr:hover td { background: #fafbfc; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td { overflow-wrap: anywhere; }
.null { color: #9aa5b1; font-style: italic; font-size: 12px; }
.more { color: var(--muted); font-size: 13px; margin: 8px 0 0; }
table.checks { width: 100%; }
table.checks td:first-child { width: 84px; }
.table-wrap.full { display: block; }
footer.page { margin-top: 48px; border-top: 1px solid var(--line); padding-top: 14px; color: var(--muted); font-size: 13px; }
@media print {
  main { padding: 0; max-width: none; }
  section, figure, .table-wrap { break-inside: avoid; }
  nav.toc { display: none; }
}
)css";

bool is_number(const Value& v) {
  return std::holds_alternative<std::int64_t>(v) || std::holds_alternative<double>(v);
}

}  // namespace

std::string render_html_table(const Table& table, std::size_t max_rows) {
  const std::size_t ncols = table.columns.size();
  const std::size_t shown =
      max_rows == 0 ? table.rows.size() : std::min(max_rows, table.rows.size());
  std::vector<bool> numeric(ncols, false);
  for (std::size_t c = 0; c < ncols; ++c) {
    bool any = false, all = true;
    for (const auto& row : table.rows) {
      if (c >= row.size() || is_null(row[c]))
        continue;
      any = true;
      all = all && is_number(row[c]);
    }
    numeric[c] = any && all;
  }
  std::string out = "<div class=\"table-wrap\"><table>\n<thead><tr>";
  for (std::size_t c = 0; c < ncols; ++c) {
    out += fmt::format("<th scope=\"col\"{}>{}</th>", numeric[c] ? " class=\"num\"" : "",
                       html_escape(column_heading(table.columns[c])));
  }
  out += "</tr></thead>\n<tbody>\n";
  for (std::size_t r = 0; r < shown; ++r) {
    const auto& row = table.rows[r];
    out += "<tr>";
    for (std::size_t c = 0; c < ncols; ++c) {
      const Value& v = c < row.size() ? row[c] : Value{};
      const auto* share = std::get_if<double>(&v);
      const auto text = share != nullptr && is_share_column(table.columns[c])
                            ? std::optional(format_percent(*share))
                            : format_cell(v, groups_thousands(table.columns[c]));
      out += fmt::format("<td{}>{}</td>", numeric[c] ? " class=\"num\"" : "",
                         text ? html_escape(*text) : "<span class=\"null\">NULL</span>");
    }
    out += "</tr>\n";
  }
  if (table.rows.empty()) {
    out += fmt::format("<tr><td colspan=\"{}\" class=\"null\">No rows.</td></tr>\n",
                       std::max<std::size_t>(ncols, 1));
  }
  out += "</tbody></table></div>\n";
  if (shown < table.rows.size()) {
    out += fmt::format("<p class=\"more\">Showing the first {} of {} rows.</p>\n",
                       group_thousands(static_cast<std::int64_t>(shown)),
                       group_thousands(static_cast<std::int64_t>(table.rows.size())));
  }
  return out;
}

namespace {

// Title, subtitle, run summary and contents.
void append_header(std::string& out, const ReportModel& model) {
  out += fmt::format("<header class=\"page\">\n<h1>{}</h1>\n", html_escape(model.title));
  if (!model.subtitle.empty()) {
    out += fmt::format("<p class=\"subtitle\">{}</p>\n", html_escape(model.subtitle));
  }
  if (!model.summary.empty()) {
    out += "<dl class=\"summary\">\n";
    for (const auto& item : model.summary) {
      out += fmt::format("<div><dt>{}</dt><dd>{}</dd></div>\n", html_escape(item.label),
                         html_escape(item.value));
    }
    out += "</dl>\n";
  }
  out += "<nav class=\"toc\" aria-label=\"Contents\"><ol>\n";
  if (!model.checks.empty())
    out += "<li><a href=\"#checks\">Data-quality checks</a></li>\n";
  if (!model.counts.empty())
    out += "<li><a href=\"#counts\">Row counts</a></li>\n";
  for (std::size_t i = 0; i < model.sections.size(); ++i) {
    out += fmt::format("<li><a href=\"#s{}\">{}</a></li>\n", i + 1,
                       html_escape(model.sections[i].title));
  }
  out += "</ol></nav>\n</header>\n";
}

// A verdict, then one row per check.
void append_checks(std::string& out, const std::vector<CheckResult>& checks) {
  std::size_t failed = 0;
  for (const auto& check : checks)
    failed += check.passed ? 0 : 1;
  out += "<section id=\"checks\">\n<h2>Data-quality checks</h2>\n";
  if (failed == 0) {
    out += fmt::format("<p class=\"verdict pass\">✓ All {} checks passed.</p>\n", checks.size());
  } else {
    out += fmt::format("<p class=\"verdict fail\">✗ {} of {} checks failed.</p>\n", failed,
                       checks.size());
  }
  out +=
      "<div class=\"table-wrap full\"><table class=\"checks\">\n<thead><tr><th "
      "scope=\"col\">Result</th><th scope=\"col\">Check</th><th "
      "scope=\"col\">Detail</th></tr></thead>\n<tbody>\n";
  for (const auto& check : checks) {
    out +=
        fmt::format("<tr><td><span class=\"badge {}\">{}</span></td><td>{}</td><td>{}</td></tr>\n",
                    check.passed ? "pass" : "fail", check.passed ? "PASS" : "FAIL",
                    html_escape(check.name), html_escape(check.detail));
  }
  out += "</tbody></table></div>\n</section>\n";
}

void append_counts(std::string& out, const std::vector<CountItem>& counts) {
  out += "<section id=\"counts\">\n<h2>Row counts</h2>\n<div class=\"cards\">\n";
  for (const auto& count : counts) {
    const auto text = format_cell(count.value);
    out += fmt::format(
        "<div class=\"card\"><div class=\"label\">{}</div><div class=\"value\">{}</div></div>\n",
        html_escape(count.label), text ? html_escape(*text) : "<span class=\"null\">NULL</span>");
  }
  out += "</div>\n</section>\n";
}

// The i-th section (from 0): its chart, if any, with the table behind it.
void append_section(std::string& out, const ReportSection& section, std::size_t i) {
  out += fmt::format("<section id=\"s{0}\">\n<h2><a class=\"anchor\" href=\"#s{0}\">{1}</a></h2>\n",
                     i + 1, html_escape(section.title));
  if (!section.description.empty()) {
    out += fmt::format("<p class=\"lead\">{}</p>\n", html_escape(section.description));
  }
  if (section.chart) {
    ChartSpec spec = *section.chart;
    if (spec.title.empty())
      spec.title = section.title;
    out += "<figure>\n" + render_chart(section.table, spec, fmt::format("chart{}", i + 1)) +
           "</figure>\n";
  }
  if (section.chart) {
    // The chart tells the story; the numbers are one click away.
    out += fmt::format(
        "<details class=\"data\"><summary>Show the data ({} row{})</summary>\n{}</details>\n",
        group_thousands(static_cast<std::int64_t>(section.table.rows.size())),
        section.table.rows.size() == 1 ? "" : "s",
        render_html_table(section.table, section.max_rows));
  } else {
    out += render_html_table(section.table, section.max_rows);
  }
  out += "</section>\n";
}

}  // namespace

std::string render_html_report(const ReportModel& model) {
  std::string out = fmt::format(
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
      "style-src 'unsafe-inline'; img-src data:\">\n"
      "<title>{}</title>\n<style>{}</style>\n</head>\n<body>\n<main>\n",
      html_escape(model.title), kStyle);
  append_header(out, model);
  if (!model.checks.empty())
    append_checks(out, model.checks);
  if (!model.counts.empty())
    append_counts(out, model.counts);
  for (std::size_t i = 0; i < model.sections.size(); ++i)
    append_section(out, model.sections[i], i);
  out += fmt::format("<footer class=\"page\">{}</footer>\n</main>\n</body>\n</html>\n",
                     html_escape(model.footer.empty() ? "Generated by sparkify" : model.footer));
  return out;
}

}  // namespace sparkify::report
