// One self-contained HTML page (inline CSS and SVG, no scripts, no network
// fetches) from a report model: title, run summary, checks, counts, and
// sections of tables with optional charts.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "core/table.hpp"
#include "report/svg_chart.hpp"

namespace sparkify::report {

struct SummaryItem {
  std::string label;  // "Engine", "Started", "Duration", ...
  std::string value;
};

struct CheckResult {
  std::string name;
  bool passed = false;
  std::string detail;  // what was measured, e.g. "0 duplicate keys"
};

struct CountItem {
  std::string label;  // "f_songplay"
  Value value;        // usually an integer
};

struct ReportSection {
  std::string title;
  std::string description;  // one paragraph, plain text
  Table table;
  std::optional<ChartSpec> chart;  // drawn above the table
  std::size_t max_rows = 50;       // longer tables are cut, with a note saying so
};

struct ReportModel {
  std::string title = "Sparkify warehouse report";
  std::string subtitle;
  std::vector<SummaryItem> summary;
  std::vector<CheckResult> checks;
  std::vector<CountItem> counts;
  std::vector<ReportSection> sections;
  std::string footer;  // e.g. "sparkify 0.1.0"
};

// The whole page as UTF-8 text. All text of the model is escaped; sections get
// stable anchors (#s1, #s2, ...) listed in a table of contents.
std::string render_html_report(const ReportModel& model);

// A table as an HTML <table>: numbers right-aligned with thousands separators
// (not for id or year columns), NULL shown as a muted "NULL", at most
// `max_rows` rows (0: all) followed by a note of how many were left out.
std::string render_html_table(const Table& table, std::size_t max_rows = 0);

}  // namespace sparkify::report
