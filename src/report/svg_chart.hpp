// Small inline-SVG charts drawn from a sparkify::Table: bar charts (vertical
// or horizontal, grouped or stacked) and line or step charts over time.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/table.hpp"

namespace sparkify::report {

enum class ChartType { bar, line, step };
enum class Orientation { vertical, horizontal };  // for bars: columns or rows
enum class Stacking { grouped, stacked };         // for bars with several series

struct ChartSpec {
  ChartType type = ChartType::bar;
  Orientation orientation = Orientation::vertical;
  Stacking stacking = Stacking::grouped;
  std::string title;           // the chart's accessible name (and <title>)
  std::string x;               // column of the categories, or of the time / number axis
  std::vector<std::string> y;  // value columns: one series each ("wide" tables)
  std::string series;          // optional: a column naming the series ("long" tables);
                               // then `y` holds exactly one value column
  std::string x_label;         // axis captions; default: the column names
  std::string y_label;
  int width = 960;  // in CSS pixels; the height follows from the data
};

// Renders the chart as an <svg> element (role="img", <title> and <desc>, a
// <title> on every bar and point), or, when the table has no rows or no numeric
// value, as <p class="no-data">…</p> saying so. Values are read from integers,
// reals or numeric text; NULL and other text are gaps. `id` must be unique in
// the page (it prefixes the ids the SVG defines). Line and step charts place
// their x values on a time axis when every value is a date or date-time
// ("2018-11-05", "2018-11-05 13:00:00"), on a number axis when every value is a
// number, and evenly spaced in table order otherwise. Throws
// std::invalid_argument when the spec names a column the table lacks.
std::string render_chart(const Table& table, const ChartSpec& spec, std::string_view id);

// The colours of the series, in order (colour-blind-safe, readable on white).
std::span<const std::string_view> chart_palette();

}  // namespace sparkify::report
