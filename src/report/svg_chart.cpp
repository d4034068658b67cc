#include "report/svg_chart.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <chrono>
#include <cmath>
#include <iterator>
#include <map>
#include <optional>
#include <stdexcept>

#include "core/utf8.hpp"
#include "report/column_heading.hpp"
#include "report/html_escape.hpp"
#include "report/number_format.hpp"

namespace sparkify::report {
namespace {

// Tableau 10: distinct hues, colour-blind tolerant, dark enough for white text.
constexpr std::array<std::string_view, 10> kPalette = {"#4e79a7", "#f28e2b", "#e15759", "#76b7b2",
                                                       "#59a14f", "#edc948", "#b07aa1", "#ff9da7",
                                                       "#9c755f", "#bab0ac"};
constexpr std::string_view kInk = "#1f2933";
constexpr std::string_view kMuted = "#616e7c";
constexpr std::string_view kGrid = "#e4e7eb";
constexpr std::string_view kAxis = "#9aa5b1";
constexpr double kCharWidth = 6.6;  // average advance of the 12px sans-serif labels
constexpr double kFontSize = 12;

std::string_view colour(std::size_t i) {
  return kPalette[i % kPalette.size()];
}

std::string num(double v) {
  return fmt::format("{:.1f}", v);
}

double text_width(std::string_view text, double char_width = kCharWidth) {
  return static_cast<double>(display_width(text)) * char_width;
}

// Cuts a label to `max_chars` code points, ending with "…".
std::string shorten(const std::string& text, std::size_t max_chars) {
  if (display_width(text) <= max_chars)
    return text;
  std::string out;
  std::size_t pos = 0;
  std::size_t n = 0;
  while (pos < text.size() && n + 1 < max_chars) {
    const std::size_t start = pos;
    n += static_cast<std::size_t>(code_point_width(next_code_point(text, pos)));
    out.append(text, start, pos - start);
  }
  return out + "…";
}

// Splits a label into at most `max_lines` lines of at most `max_chars` code
// points, at a space or after a hyphen ("Philadelphia-Camden-" / "Wilmington, PA");
// what still does not fit ends the last line with "…".
std::vector<std::string> wrap_label(const std::string& text, std::size_t max_chars,
                                    std::size_t max_lines) {
  std::vector<std::string> lines;
  std::string rest = text;
  while (lines.size() + 1 < max_lines && display_width(rest) > max_chars) {
    std::size_t cut = 0;   // the line is rest[0, cut)
    std::size_t skip = 0;  // a space at the cut is dropped
    for (std::size_t i = 1; i < rest.size(); ++i) {
      const std::size_t end = rest[i] == ' ' ? i : rest[i] == '-' ? i + 1 : 0;
      if (end == 0)
        continue;
      if (display_width(std::string_view(rest).substr(0, end)) > max_chars)
        break;
      cut = end;
      skip = rest[i] == ' ' ? 1 : 0;
    }
    if (cut == 0)
      break;
    lines.push_back(rest.substr(0, cut));
    rest.erase(0, cut + skip);
  }
  lines.push_back(shorten(rest, max_chars));
  return lines;
}

// ---- data ------------------------------------------------------------------

struct Series {
  std::string name;
  std::vector<std::optional<double>> values;  // one per category
};

struct ChartData {
  std::vector<std::string> categories;  // x values as text, in table order
  std::vector<const Value*> x_values;   // the first Value seen for each category
  std::vector<Series> series;
  bool named_series = false;  // the series are the values of a column (ChartSpec::series)
};

std::size_t column_index(const Table& table, const std::string& name) {
  const auto it = std::find(table.columns.begin(), table.columns.end(), name);
  if (it == table.columns.end()) {
    throw std::invalid_argument(fmt::format("chart: the table has no column '{}'", name));
  }
  return static_cast<std::size_t>(it - table.columns.begin());
}

std::optional<double> number_of(const Value& v) {
  if (const auto* i = std::get_if<std::int64_t>(&v))
    return static_cast<double>(*i);
  if (const auto* d = std::get_if<double>(&v)) {
    return std::isfinite(*d) ? std::optional<double>(*d) : std::nullopt;
  }
  if (const auto* s = std::get_if<std::string>(&v)) {
    double out = 0;
    const auto [ptr, ec] = std::from_chars(s->data(), s->data() + s->size(), out);
    if (!s->empty() && ec == std::errc{} && ptr == s->data() + s->size() && std::isfinite(out)) {
      return out;
    }
  }
  return std::nullopt;
}

std::string label_of(const Value& v) {
  const auto text = format_cell(v, false);
  return text ? *text : "(null)";
}

const Value& cell(const std::vector<Value>& row, std::size_t c) {
  static const Value kNull{};  // immutable
  return c < row.size() ? row[c] : kNull;
}

ChartData extract(const Table& table, const ChartSpec& spec) {
  if (spec.y.empty())
    throw std::invalid_argument("chart: no value column (y)");
  if (!spec.series.empty() && spec.y.size() != 1) {
    throw std::invalid_argument("chart: with a series column, give exactly one value column");
  }
  const std::size_t xc = column_index(table, spec.x);
  std::vector<std::size_t> ycs;
  for (const auto& y : spec.y)
    ycs.push_back(column_index(table, y));
  ChartData data;
  std::map<std::string, std::size_t> category_index;
  const auto category = [&](const std::vector<Value>& row) {
    const std::string key = label_of(cell(row, xc));
    const auto [it, added] = category_index.emplace(key, data.categories.size());
    if (added) {
      data.categories.push_back(key);
      data.x_values.push_back(&cell(row, xc));
      for (auto& s : data.series)
        s.values.emplace_back();
    }
    return it->second;
  };
  const auto add = [](std::optional<double>& slot, std::optional<double> v) {
    if (v)
      slot = slot.value_or(0) + *v;  // repeated (x, series) pairs are summed
  };
  if (spec.series.empty()) {
    for (const auto& y : spec.y)
      data.series.push_back({column_heading(y), {}});
    for (const auto& row : table.rows) {
      const std::size_t i = category(row);
      for (std::size_t s = 0; s < ycs.size(); ++s) {
        add(data.series[s].values[i], number_of(cell(row, ycs[s])));
      }
    }
  } else {
    const std::size_t sc = column_index(table, spec.series);
    data.named_series = true;
    std::map<std::string, std::size_t> series_index;
    for (const auto& row : table.rows) {
      const std::size_t i = category(row);
      // "Gender from: event": the legend says which column the colours stand for.
      const std::string name =
          fmt::format("{}: {}", column_heading(spec.series), label_of(cell(row, sc)));
      const auto [it, added] = series_index.emplace(name, data.series.size());
      if (added) {
        data.series.push_back({name, std::vector<std::optional<double>>(data.categories.size())});
      }
      add(data.series[it->second].values[i], number_of(cell(row, ycs[0])));
    }
  }
  return data;
}

bool has_values(const ChartData& data) {
  for (const auto& s : data.series) {
    for (const auto& v : s.values) {
      if (v)
        return true;
    }
  }
  return false;
}

// ---- scales ----------------------------------------------------------------

struct Scale {
  double lo = 0, hi = 1, step = 1;
  std::vector<double> ticks() const {
    std::vector<double> out;
    for (double t = lo; t <= hi + step * 1e-9; t += step)
      out.push_back(std::fabs(t) < step * 1e-9 ? 0 : t);
    return out;
  }
};

double nice_step(double span, int target) {
  const double raw = span / std::max(1, target);
  const double power = std::pow(10.0, std::floor(std::log10(raw)));
  for (const double m : {1.0, 2.0, 2.5, 5.0, 10.0}) {
    if (raw <= m * power)
      return m * power;
  }
  return 10 * power;
}

// A scale including zero, with round ticks.
Scale value_scale(double lo, double hi, int target = 5) {
  lo = std::min(lo, 0.0);
  hi = std::max(hi, 0.0);
  if (hi - lo <= 0)
    hi = lo + 1;
  Scale s;
  s.step = nice_step(hi - lo, target);
  if (std::floor(hi) == hi && std::floor(lo) == lo && s.step < 1)
    s.step = 1;  // counts: whole ticks
  s.lo = std::floor(lo / s.step) * s.step;
  s.hi = std::ceil(hi / s.step) * s.step;
  return s;
}

// Domain of the values, stacked (positives and negatives apart) or not.
std::pair<double, double> value_domain(const ChartData& data, bool stacked) {
  double lo = 0, hi = 0;
  for (std::size_t i = 0; i < data.categories.size(); ++i) {
    double pos = 0, neg = 0;
    for (const auto& s : data.series) {
      if (!s.values[i])
        continue;
      const double v = *s.values[i];
      if (stacked) {
        (v >= 0 ? pos : neg) += v;
      } else {
        hi = std::max(hi, v);
        lo = std::min(lo, v);
      }
    }
    hi = std::max(hi, pos);
    lo = std::min(lo, neg);
  }
  return {lo, hi};
}

// ---- time axis -------------------------------------------------------------

// Days since 1970-01-01 of a proleptic Gregorian date; a day past the month's
// end runs on into the next month (February 31 is March 3 or 2).
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  const std::chrono::sys_days day{std::chrono::year{static_cast<int>(y)} / std::chrono::month{m} /
                                  std::chrono::day{d}};
  return day.time_since_epoch().count();
}

struct Civil {
  std::int64_t year;
  unsigned month, day;
};

Civil civil_from_days(std::int64_t z) {
  const std::chrono::year_month_day date{std::chrono::sys_days{std::chrono::days{z}}};
  return {static_cast<int>(date.year()), static_cast<unsigned>(date.month()),
          static_cast<unsigned>(date.day())};
}

// Seconds since the epoch (UTC) of "YYYY-MM-DD", optionally followed by
// "[T ]HH:MM[:SS[.fff]]" and "Z"; nothing for any other text.
std::optional<double> parse_time(std::string_view s) {
  const auto digits = [&](std::size_t at, std::size_t n, int& out) {
    if (at + n > s.size())
      return false;
    out = 0;
    for (std::size_t i = at; i < at + n; ++i) {
      if (s[i] < '0' || s[i] > '9')
        return false;
      out = out * 10 + (s[i] - '0');
    }
    return true;
  };
  int y = 0, mo = 0, d = 0, h = 0, mi = 0, sec = 0;
  if (!digits(0, 4, y) || s.size() < 10 || s[4] != '-' || !digits(5, 2, mo) || s[7] != '-' ||
      !digits(8, 2, d) || mo < 1 || mo > 12 || d < 1 || d > 31) {
    return std::nullopt;
  }
  std::size_t at = 10;
  double frac = 0;
  if (at < s.size() && (s[at] == 'T' || s[at] == ' ')) {
    if (!digits(at + 1, 2, h) || at + 3 >= s.size() || s[at + 3] != ':' || !digits(at + 4, 2, mi) ||
        h > 23 || mi > 59) {
      return std::nullopt;
    }
    at += 6;
    if (at < s.size() && s[at] == ':') {
      if (!digits(at + 1, 2, sec) || sec > 60)
        return std::nullopt;
      at += 3;
      if (at < s.size() && s[at] == '.') {
        std::size_t end = at + 1;
        while (end < s.size() && s[end] >= '0' && s[end] <= '9')
          ++end;
        if (end == at + 1)
          return std::nullopt;
        std::from_chars(s.data() + at, s.data() + end, frac);
        at = end;
      }
    }
  }
  if (at < s.size() && s[at] == 'Z')
    ++at;
  if (at != s.size())
    return std::nullopt;
  const auto days = days_from_civil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d));
  return static_cast<double>(days) * 86400 + h * 3600 + mi * 60 + sec + frac;
}

constexpr std::array<std::string_view, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

struct Tick {
  double at;
  std::string label;
};

std::vector<Tick> time_ticks(double lo, double hi) {
  constexpr double kDay = 86400;
  const double span = std::max(hi - lo, 1.0);
  std::vector<Tick> out;
  const auto format = [&](double t, bool with_time, bool months) {
    const auto days = static_cast<std::int64_t>(std::floor(t / kDay));
    const Civil c = civil_from_days(days);
    if (months)
      return fmt::format("{} {}", kMonths[c.month - 1], c.year);
    if (with_time) {
      const auto secs = static_cast<std::int64_t>(t - static_cast<double>(days) * kDay);
      return fmt::format("{} {:02} {:02}:{:02}", kMonths[c.month - 1], c.day, secs / 3600,
                         secs / 60 % 60);
    }
    return fmt::format("{} {:02}", kMonths[c.month - 1], c.day);
  };
  // Steps of whole hours or days.
  for (const double step :
       {3600.0, 3 * 3600.0, 6 * 3600.0, 12 * 3600.0, kDay, 2 * kDay, 7 * kDay, 14 * kDay}) {
    if (span / step > 8)
      continue;
    // Weeks start on Monday (1970-01-05 was one).
    const double origin = step >= 7 * kDay ? 4 * kDay : 0;
    for (double t = std::ceil((lo - origin) / step) * step + origin; t <= hi; t += step) {
      out.push_back({t, format(t, step < kDay, false)});
    }
    return out;
  }
  // Steps of whole months.
  for (const int months : {1, 2, 3, 6, 12, 24, 60, 120}) {
    if (span / (30.4 * kDay * months) > 8)
      continue;
    Civil c = civil_from_days(static_cast<std::int64_t>(std::floor(lo / kDay)));
    std::int64_t index = c.year * 12 + (c.month - 1);
    index = (index + months - 1) / months * months;
    if (static_cast<double>(days_from_civil(index / 12, static_cast<unsigned>(index % 12) + 1, 1)) *
            kDay <
        lo) {
      index += months;
    }
    for (;; index += months) {
      const double t = static_cast<double>(
                           days_from_civil(index / 12, static_cast<unsigned>(index % 12) + 1, 1)) *
                       kDay;
      if (t > hi)
        break;
      out.push_back({t, format(t, false, true)});
    }
    return out;
  }
  return out;
}

// ---- SVG pieces --------------------------------------------------------------

struct Canvas {
  std::string body;
  double width = 0, height = 0;
};

std::string open_svg(const ChartSpec& spec, std::string_view id, double width, double height,
                     const std::string& description) {
  return fmt::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 {w} {h}\" "
      "width=\"{w}\" height=\"{h}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" "
      "font-family=\"system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, "
      "sans-serif\" font-size=\"{fs}\" fill=\"{ink}\">\n"
      "<title id=\"{id}-title\">{title}</title>\n<desc id=\"{id}-desc\">{desc}</desc>\n",
      fmt::arg("w", num(width)), fmt::arg("h", num(height)), fmt::arg("id", html_escape(id)),
      fmt::arg("fs", kFontSize), fmt::arg("ink", kInk), fmt::arg("title", html_escape(spec.title)),
      fmt::arg("desc", html_escape(description)));
}

std::string legend(const ChartData& data, double x, double y, double max_width, double& height) {
  std::string out;
  // One series needs no legend, unless a column names it (the chart's caption may
  // promise what the colours stand for).
  if (data.series.size() < 2 && !data.named_series) {
    height = 0;
    return out;
  }
  double cx = x, cy = y;
  for (std::size_t i = 0; i < data.series.size(); ++i) {
    const std::string name = shorten(data.series[i].name, 28);
    const double w = 16 + text_width(name) + 18;
    if (cx > x && cx + w > x + max_width) {
      cx = x;
      cy += 20;
    }
    out += fmt::format(
        "<g class=\"legend-item\"><rect x=\"{}\" y=\"{}\" width=\"11\" height=\"11\" rx=\"2\" "
        "fill=\"{}\"/><text x=\"{}\" y=\"{}\">{}</text></g>\n",
        num(cx), num(cy), colour(i), num(cx + 16), num(cy + 10), html_escape(name));
    cx += w;
  }
  height = cy - y + 24;
  return out;
}

std::string describe(const ChartSpec& spec, const ChartData& data) {
  const char* kind =
      spec.type == ChartType::bar
          ? (spec.orientation == Orientation::horizontal ? "Horizontal bar chart" : "Bar chart")
          : (spec.type == ChartType::line ? "Line chart" : "Step chart");
  std::string text = fmt::format(
      "{} of {} by {}: {} {}", kind, spec.y_label.empty() ? spec.y.front() : spec.y_label,
      spec.x_label.empty() ? spec.x : spec.x_label, data.categories.size(),
      data.categories.size() == 1 ? "point" : "points");
  if (data.series.size() > 1) {
    text += fmt::format(", {} series (", data.series.size());
    for (std::size_t i = 0; i < data.series.size(); ++i) {
      text += (i ? ", " : "") + data.series[i].name;
    }
    text += spec.type == ChartType::bar && spec.stacking == Stacking::stacked ? ", stacked)" : ")";
  }
  return text + ".";
}

std::string point_title(const ChartData& data, std::size_t s, std::size_t i, double v) {
  if (data.series.size() > 1) {
    return html_escape(
        fmt::format("{} · {}: {}", data.categories[i], data.series[s].name, format_number(v)));
  }
  return html_escape(fmt::format("{}: {}", data.categories[i], format_number(v)));
}

std::string axis_caption(double x, double y, const std::string& text, bool vertical) {
  if (text.empty())
    return {};
  if (vertical) {
    return fmt::format(
        "<text x=\"{}\" y=\"{}\" transform=\"rotate(-90 {} {})\" text-anchor=\"middle\" "
        "fill=\"{}\" font-size=\"11\">{}</text>\n",
        num(x), num(y), num(x), num(y), kMuted, html_escape(text));
  }
  return fmt::format(
      "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" fill=\"{}\" "
      "font-size=\"11\">{}</text>\n",
      num(x), num(y), kMuted, html_escape(text));
}

// ---- shared by the charts with a vertical value axis ------------------------

// A value scale drawn top to bottom over plot_h pixels from top.
struct ValueAxis {
  Scale scale;
  double top = 0;
  double plot_h = 0;
  double y_of(double v) const { return top + plot_h * (scale.hi - v) / (scale.hi - scale.lo); }
};

// The room the widest tick label needs left of the plot.
double tick_label_width(const std::vector<double>& ticks) {
  double width = 0;
  for (const double t : ticks)
    width = std::max(width, text_width(format_tick(t)));
  return width;
}

// Horizontal grid lines with their value labels left of the plot.
std::string value_gridlines(const ValueAxis& axis, const std::vector<double>& ticks, double left,
                            double right) {
  std::string out;
  for (const double t : ticks) {
    out += fmt::format(
        "<line x1=\"{l}\" x2=\"{r}\" y1=\"{y}\" y2=\"{y}\" stroke=\"{c}\"/><text x=\"{tx}\" "
        "y=\"{ty}\" text-anchor=\"end\" fill=\"{m}\">{t}</text>\n",
        fmt::arg("l", num(left)), fmt::arg("r", num(right)), fmt::arg("y", num(axis.y_of(t))),
        fmt::arg("c", t == 0 ? kAxis : kGrid), fmt::arg("tx", num(left - 8)),
        fmt::arg("ty", num(axis.y_of(t) + 4)), fmt::arg("m", kMuted),
        fmt::arg("t", format_tick(t)));
  }
  return out;
}

// A bar's extent on the value axis: from 0 to v, or, stacked, on top of the bars
// before it with the same sign (pos and neg hold those stacks' ends).
std::pair<double, double> bar_extent(double v, bool stacked, double& pos, double& neg) {
  if (!stacked)
    return {0, v};
  double& base = v >= 0 ? pos : neg;
  const double from = base;
  base += v;
  return {from, base};
}

std::string value_label(double x, double y, std::string_view anchor_attribute,
                        const std::string& text) {
  return fmt::format("<text x=\"{}\" y=\"{}\"{} font-size=\"10.5\" fill=\"{}\">{}</text>\n", num(x),
                     num(y), anchor_attribute, kMuted, html_escape(text));
}

// ---- vertical bars -----------------------------------------------------------

struct ColumnLayout {
  bool stacked = false;
  ValueAxis axis;
  double width = 0, left = 0, right = 16, height = 0, plot_w = 0, band = 0;
  std::vector<std::string> labels;  // shortened category labels
  bool rotate = false;              // labels rotated: they do not fit their band
};

ColumnLayout column_layout(const ChartSpec& spec, const ChartData& data, double legend_h,
                           double tick_w) {
  ColumnLayout l;
  l.width = std::max(spec.width, 320);
  l.left = tick_w + 30;
  l.axis.top = 14 + legend_h + 8;
  l.axis.plot_h = 240;
  l.plot_w = l.width - l.left - l.right;
  l.band = l.plot_w / static_cast<double>(data.categories.size());
  double longest = 0;
  for (const auto& c : data.categories) {
    l.labels.push_back(shorten(c, 22));
    longest = std::max(longest, text_width(l.labels.back()));
  }
  l.rotate = longest > l.band - 4;
  const double label_h = l.rotate ? std::min(longest * 0.72 + 12, 140.0) : 20;
  l.height = l.axis.top + l.axis.plot_h + label_h + (spec.x_label.empty() ? 6 : 24);
  return l;
}

// One category's bars, side by side or stacked, with their values above them
// when there is room.
std::string column_group(const ColumnLayout& l, const ChartData& data, std::size_t i) {
  const std::size_t n = data.categories.size(), k = data.series.size();
  const double inner = l.band * (n > 1 ? 0.78 : 0.5);
  const double bar_w = l.stacked ? inner : inner / static_cast<double>(k);
  const bool value_labels = bar_w >= 14;
  const bool side_by_side = !l.stacked && k > 1;
  const double x0 = l.left + l.band * static_cast<double>(i) + (l.band - inner) / 2;
  std::string out;
  double pos = 0, neg = 0;
  for (std::size_t s = 0; s < k; ++s) {
    const auto& v = data.series[s].values[i];
    if (!v)
      continue;
    const auto [a, b] = bar_extent(*v, l.stacked, pos, neg);
    const double x = l.stacked ? x0 : x0 + bar_w * static_cast<double>(s);
    const double y1 = l.axis.y_of(std::max(a, b)), y2 = l.axis.y_of(std::min(a, b));
    out += fmt::format(
        "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" "
        "fill=\"{}\"><title>{}</title></rect>\n",
        num(x + (side_by_side ? 0.5 : 0)), num(y1),
        num(std::max(bar_w - (side_by_side ? 1 : 0), 1.0)), num(std::max(y2 - y1, 0.5)), colour(s),
        point_title(data, s, i, *v));
    const std::string text = format_tick(*v);
    if (value_labels && !l.stacked && text_width(text, 6.0) <= bar_w + 6) {
      out +=
          value_label(x + bar_w / 2, *v >= 0 ? y1 - 4 : y2 + 12, " text-anchor=\"middle\"", text);
    }
  }
  const std::string total = format_tick(pos);
  if (l.stacked && value_labels && pos > 0 && text_width(total, 6.0) <= bar_w + 6)
    out += value_label(x0 + inner / 2, l.axis.y_of(pos) - 4, " text-anchor=\"middle\"", total);
  return out;
}

// The category labels under the columns: straight, or rotated and thinned out
// when even rotated ones would overlap.
std::string column_labels(const ColumnLayout& l, const ChartData& data) {
  const std::size_t every =
      l.rotate ? std::max<std::size_t>(1, static_cast<std::size_t>(std::ceil(16 / l.band))) : 1;
  std::string out;
  for (std::size_t i = 0; i < data.categories.size(); i += every) {
    const double cx = l.left + l.band * (static_cast<double>(i) + 0.5);
    const double ly = l.axis.top + l.axis.plot_h + 16;
    if (l.rotate) {
      out += fmt::format(
          "<text x=\"{x}\" y=\"{y}\" text-anchor=\"end\" transform=\"rotate(-40 {x} {y})\" "
          "fill=\"{m}\"><title>{full}</title>{t}</text>\n",
          fmt::arg("x", num(cx + 4)), fmt::arg("y", num(ly - 4)), fmt::arg("m", kMuted),
          fmt::arg("full", html_escape(data.categories[i])),
          fmt::arg("t", html_escape(l.labels[i])));
    } else {
      out += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" fill=\"{}\">{}</text>\n",
                         num(cx), num(ly), kMuted, html_escape(l.labels[i]));
    }
  }
  return out;
}

std::string vertical_bars(const ChartSpec& spec, const ChartData& data, std::string_view id) {
  const bool stacked = spec.stacking == Stacking::stacked && data.series.size() > 1;
  const auto [dlo, dhi] = value_domain(data, stacked);
  const Scale scale = value_scale(dlo, dhi);
  const auto ticks = scale.ticks();
  const double tick_w = tick_label_width(ticks);
  const double width = std::max(spec.width, 320), left = tick_w + 30;
  double legend_h = 0;
  const std::string legend_svg = legend(data, left, 8, width - left - 16, legend_h);
  ColumnLayout l = column_layout(spec, data, legend_h, tick_w);
  l.stacked = stacked;
  l.axis.scale = scale;

  std::string out = open_svg(spec, id, l.width, l.height, describe(spec, data));
  out += legend_svg;
  out += "<g class=\"grid\">\n" + value_gridlines(l.axis, ticks, l.left, l.width - l.right);
  out += "</g>\n<g class=\"bars\">\n";
  for (std::size_t i = 0; i < data.categories.size(); ++i)
    out += column_group(l, data, i);
  out += "</g>\n<g class=\"x-labels\">\n" + column_labels(l, data) + "</g>\n";
  out += axis_caption(l.left + l.plot_w / 2, l.height - 6, spec.x_label, false);
  out += axis_caption(12, l.axis.top + l.axis.plot_h / 2, spec.y_label, true);
  out += "</svg>\n";
  return out;
}

// ---- horizontal bars -----------------------------------------------------------

struct RowLayout {
  bool stacked = false;
  Scale scale;
  double width = 0, left = 0, right = 56, top = 0, plot_w = 0, plot_h = 0, height = 0;
  double bar_h = 0, row_h = 0;
  std::vector<std::vector<std::string>> labels;  // each category's label, wrapped
  double x_of(double v) const { return left + plot_w * (v - scale.lo) / (scale.hi - scale.lo); }
};

constexpr double kLabelLineHeight = 13;

// Long labels (a metropolitan area's name) wrap onto a second line; the value at the
// end of the longest bar needs `right`.
RowLayout row_layout(const ChartSpec& spec, const ChartData& data, bool stacked) {
  RowLayout l;
  l.stacked = stacked;
  const auto [dlo, dhi] = value_domain(data, stacked);
  l.scale = value_scale(dlo, dhi);
  double longest = 0;
  for (const auto& c : data.categories) {
    l.labels.push_back(wrap_label(c, 30, 2));
    for (const auto& line : l.labels.back())
      longest = std::max(longest, text_width(line));
  }
  const std::size_t k = data.series.size();
  l.width = std::max(spec.width, 320);
  l.left = std::clamp(longest + 16, 48.0, 260.0);
  l.bar_h = stacked || k == 1 ? 18 : std::max(8.0, 26.0 / static_cast<double>(k));
  l.row_h = (stacked ? l.bar_h : l.bar_h * static_cast<double>(k)) + 10;
  l.plot_w = l.width - l.left - l.right;
  l.plot_h = l.row_h * static_cast<double>(data.categories.size());
  return l;
}

// Vertical grid lines with their value labels above the plot.
std::string row_gridlines(const RowLayout& l) {
  std::string out;
  for (const double t : l.scale.ticks()) {
    out += fmt::format(
        "<line x1=\"{x}\" x2=\"{x}\" y1=\"{t}\" y2=\"{b}\" stroke=\"{c}\"/><text x=\"{x}\" "
        "y=\"{ty}\" text-anchor=\"middle\" fill=\"{m}\">{l}</text>\n",
        fmt::arg("x", num(l.x_of(t))), fmt::arg("t", num(l.top)),
        fmt::arg("b", num(l.top + l.plot_h)), fmt::arg("c", t == 0 ? kAxis : kGrid),
        fmt::arg("ty", num(l.top - 6)), fmt::arg("m", kMuted), fmt::arg("l", format_tick(t)));
  }
  return out;
}

// One category: its label left of the plot, then its bars with their values.
std::string bar_row(const RowLayout& l, const ChartData& data, std::size_t i) {
  const std::size_t k = data.series.size();
  const double y0 = l.top + l.row_h * static_cast<double>(i) + 5;
  const double row_mid = l.top + l.row_h * (static_cast<double>(i) + 0.5);
  std::string label;
  for (std::size_t line = 0; line < l.labels[i].size(); ++line) {
    label += fmt::format("<tspan x=\"{}\" dy=\"{}\">{}</tspan>", num(l.left - 8),
                         line == 0 ? 0 : kLabelLineHeight, html_escape(l.labels[i][line]));
  }
  const double first_line =
      row_mid + 4 - kLabelLineHeight * static_cast<double>(l.labels[i].size() - 1) / 2;
  std::string out = fmt::format(
      "<text x=\"{}\" y=\"{}\" text-anchor=\"end\" fill=\"{}\"><title>{}</title>{}</text>\n",
      num(l.left - 8), num(first_line), kInk, html_escape(data.categories[i]), label);
  double pos = 0, neg = 0;
  for (std::size_t s = 0; s < k; ++s) {
    const auto& v = data.series[s].values[i];
    if (!v)
      continue;
    const auto [a, b] = bar_extent(*v, l.stacked, pos, neg);
    const double y = l.stacked ? y0 : y0 + l.bar_h * static_cast<double>(s);
    const double x1 = l.x_of(std::min(a, b)), x2 = l.x_of(std::max(a, b));
    out += fmt::format(
        "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" "
        "fill=\"{}\"><title>{}</title></rect>\n",
        num(x1), num(y), num(std::max(x2 - x1, 0.5)), num(l.bar_h - (l.stacked || k == 1 ? 0 : 1)),
        colour(s), point_title(data, s, i, *v));
    if (!l.stacked) {
      out += value_label(*v >= 0 ? x2 + 5 : x1 - 5, y + l.bar_h / 2 + 3.5,
                         *v >= 0 ? "" : " text-anchor=\"end\"", format_number(*v));
    }
  }
  if (l.stacked && pos > 0)
    out += value_label(l.x_of(pos) + 5, y0 + l.bar_h / 2 + 3.5, "", format_number(pos));
  return out;
}

std::string horizontal_bars(const ChartSpec& spec, const ChartData& data, std::string_view id) {
  const bool stacked = spec.stacking == Stacking::stacked && data.series.size() > 1;
  RowLayout l = row_layout(spec, data, stacked);
  double legend_h = 0;
  const std::string legend_svg = legend(data, l.left, 8, l.width - l.left - l.right, legend_h);
  l.top = 8 + legend_h + 18;  // tick labels sit above the plot
  l.height = l.top + l.plot_h + (spec.y_label.empty() ? 10 : 30);

  std::string out = open_svg(spec, id, l.width, l.height, describe(spec, data));
  out += legend_svg;
  out += "<g class=\"grid\">\n" + row_gridlines(l) + "</g>\n<g class=\"bars\">\n";
  for (std::size_t i = 0; i < data.categories.size(); ++i)
    out += bar_row(l, data, i);
  out += "</g>\n";
  out += axis_caption(l.left + l.plot_w / 2, l.height - 8, spec.y_label, false);
  out += "</svg>\n";
  return out;
}

// ---- lines -----------------------------------------------------------------

// Where the points go along x: time, numbers, or the table order.
enum class XAxis { time, number, ordinal };

struct XPositions {
  XAxis axis = XAxis::time;
  std::vector<double> xs;          // each row's position
  std::vector<std::size_t> order;  // the rows by position
  double lo = 0, hi = 0;
};

XPositions x_positions(const ChartData& data) {
  const std::size_t n = data.categories.size();
  XPositions p;
  p.xs.resize(n);
  for (std::size_t i = 0; i < n && p.axis == XAxis::time; ++i) {
    const auto* text = std::get_if<std::string>(data.x_values[i]);
    const auto t = text ? parse_time(*text) : std::nullopt;
    if (t) {
      p.xs[i] = *t;
    } else {
      p.axis = XAxis::number;
    }
  }
  for (std::size_t i = 0; i < n && p.axis == XAxis::number; ++i) {
    const auto v = number_of(*data.x_values[i]);
    if (v) {
      p.xs[i] = *v;
    } else {
      p.axis = XAxis::ordinal;
    }
  }
  if (p.axis == XAxis::ordinal) {
    for (std::size_t i = 0; i < n; ++i)
      p.xs[i] = static_cast<double>(i);
  }
  p.order.resize(n);
  for (std::size_t i = 0; i < n; ++i)
    p.order[i] = i;
  std::stable_sort(p.order.begin(), p.order.end(),
                   [&p](std::size_t a, std::size_t b) { return p.xs[a] < p.xs[b]; });
  p.lo = p.xs[p.order.front()];
  p.hi = p.xs[p.order.back()];
  return p;
}

std::vector<Tick> x_ticks(const XPositions& p, const ChartData& data, double plot_w) {
  std::vector<Tick> ticks;
  if (p.axis == XAxis::time)
    return time_ticks(p.lo, p.hi);
  if (p.axis == XAxis::number) {
    const double step = nice_step(std::max(p.hi - p.lo, 1e-9), 6);
    for (double t = std::ceil(p.lo / step) * step; t <= p.hi + step * 1e-9; t += step)
      ticks.push_back({t, format_tick(t)});
    return ticks;
  }
  const std::size_t n = data.categories.size();
  const std::size_t every = std::max<std::size_t>(
      1, static_cast<std::size_t>(std::ceil(static_cast<double>(n) * 90 / plot_w)));
  for (std::size_t i = 0; i < n; i += every)
    ticks.push_back({static_cast<double>(i), shorten(data.categories[i], 14)});
  return ticks;
}

struct LinePlot {
  XPositions x;
  ValueAxis axis;
  double left = 0, plot_w = 0, pad = 0;
  double x_of(double v) const {
    return x.hi == x.lo ? left + plot_w / 2
                        : left + pad + (plot_w - 2 * pad) * (v - x.lo) / (x.hi - x.lo);
  }
};

std::string x_tick_marks(const LinePlot& p, const std::vector<Tick>& ticks) {
  std::string out;
  const double bottom = p.axis.top + p.axis.plot_h;
  for (const auto& t : ticks) {
    out += fmt::format(
        "<line x1=\"{x}\" x2=\"{x}\" y1=\"{b}\" y2=\"{b5}\" stroke=\"{a}\"/><text x=\"{x}\" "
        "y=\"{ty}\" text-anchor=\"middle\" fill=\"{m}\">{l}</text>\n",
        fmt::arg("x", num(p.x_of(t.at))), fmt::arg("b", num(bottom)),
        fmt::arg("b5", num(bottom + 5)), fmt::arg("a", kAxis), fmt::arg("ty", num(bottom + 19)),
        fmt::arg("m", kMuted), fmt::arg("l", html_escape(t.label)));
  }
  return out;
}

// One series: its line (a gap breaks it), the area under it when it is alone, and
// a point with its value's title on every row.
std::string series_line(const LinePlot& p, const ChartSpec& spec, const ChartData& data,
                        std::size_t s) {
  const auto& values = data.series[s].values;
  const bool alone = data.series.size() == 1;
  const double zero = p.axis.y_of(0);
  std::string path, area;
  bool open = false;
  double prev_y = 0, first_x = 0, last_x = 0;
  for (const std::size_t i : p.x.order) {
    if (!values[i]) {
      if (open && alone)
        area += fmt::format("L{},{}L{},{}Z", num(last_x), num(zero), num(first_x), num(zero));
      open = false;
      continue;
    }
    const double x = p.x_of(p.x.xs[i]), y = p.axis.y_of(*values[i]);
    if (!open) {
      path += fmt::format("M{},{}", num(x), num(y));
      area += fmt::format("M{},{}L{},{}", num(x), num(zero), num(x), num(y));
      first_x = x;
    } else if (spec.type == ChartType::step) {
      path += fmt::format("H{}V{}", num(x), num(y));
      area += fmt::format("L{},{}L{},{}", num(x), num(prev_y), num(x), num(y));
    } else {
      path += fmt::format("L{},{}", num(x), num(y));
      area += fmt::format("L{},{}", num(x), num(y));
    }
    open = true;
    prev_y = y;
    last_x = x;
  }
  if (open)
    area += fmt::format("L{},{}L{},{}Z", num(last_x), num(zero), num(first_x), num(zero));
  std::string out;
  if (alone && !area.empty()) {
    out += fmt::format("<path d=\"{}\" fill=\"{}\" fill-opacity=\"0.12\" stroke=\"none\"/>\n", area,
                       colour(s));
  }
  out += fmt::format(
      "<path d=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"2.2\" stroke-linejoin=\"round\" "
      "stroke-linecap=\"round\"><title>{}</title></path>\n",
      path, colour(s), html_escape(data.series[s].name));
  const bool markers = data.categories.size() <= 60;
  for (const std::size_t i : p.x.order) {
    if (!values[i])
      continue;
    out += fmt::format(
        "<circle cx=\"{}\" cy=\"{}\" r=\"{}\" fill=\"{}\" stroke=\"#fff\" stroke-width=\"1\"{}>"
        "<title>{}</title></circle>\n",
        num(p.x_of(p.x.xs[i])), num(p.axis.y_of(*values[i])), markers ? "3.2" : "2", colour(s),
        markers ? "" : " fill-opacity=\"0\"", point_title(data, s, i, *values[i]));
  }
  return out;
}

std::string lines(const ChartSpec& spec, const ChartData& data, std::string_view id) {
  LinePlot p;
  p.x = x_positions(data);
  const auto [dlo, dhi] = value_domain(data, false);
  p.axis.scale = value_scale(dlo, dhi);
  const auto yticks = p.axis.scale.ticks();
  const double width = std::max(spec.width, 320);
  const double right = 24;
  p.left = tick_label_width(yticks) + 30;
  double legend_h = 0;
  const std::string legend_svg = legend(data, p.left, 8, width - p.left - right, legend_h);
  p.axis.top = 14 + legend_h + 8;
  p.axis.plot_h = 220;
  p.plot_w = width - p.left - right;
  p.pad = data.categories.size() == 1 ? p.plot_w / 2 : 6;
  const double height = p.axis.top + p.axis.plot_h + 26 + (spec.x_label.empty() ? 4 : 20);

  std::string out = open_svg(spec, id, width, height, describe(spec, data));
  out += legend_svg;
  out += "<g class=\"grid\">\n" + value_gridlines(p.axis, yticks, p.left, width - right);
  out += x_tick_marks(p, x_ticks(p.x, data, p.plot_w));
  out += "</g>\n<g class=\"series\">\n";
  for (std::size_t s = 0; s < data.series.size(); ++s)
    out += series_line(p, spec, data, s);
  out += "</g>\n";
  out += axis_caption(p.left + p.plot_w / 2, height - 6, spec.x_label, false);
  out += axis_caption(12, p.axis.top + p.axis.plot_h / 2, spec.y_label, true);
  out += "</svg>\n";
  return out;
}

}  // namespace

std::span<const std::string_view> chart_palette() {
  return kPalette;
}

std::string render_chart(const Table& table, const ChartSpec& spec, std::string_view id) {
  const ChartData data = extract(table, spec);
  if (data.categories.empty() || !has_values(data)) {
    return fmt::format(
        "<p class=\"no-data\" role=\"note\"><strong>No data</strong> for “{}”: the query "
        "returned {}.</p>\n",
        html_escape(spec.title.empty() ? spec.x : spec.title),
        table.rows.empty() ? "no rows" : "no numeric values to plot");
  }
  if (spec.type == ChartType::bar) {
    return spec.orientation == Orientation::horizontal ? horizontal_bars(spec, data, id)
                                                       : vertical_bars(spec, data, id);
  }
  return lines(spec, data, id);
}

}  // namespace sparkify::report
