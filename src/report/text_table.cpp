#include "report/text_table.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <vector>

#include "core/utf8.hpp"

namespace sparkify::report {
namespace {

// Makes text safe and single-line for a terminal.
std::string terminal_text(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t pos = 0;
  while (pos < text.size()) {
    const char32_t cp = next_code_point(text, pos);
    switch (cp) {
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (cp < 0x20 || cp == 0x7F) {
          out += fmt::format("\\x{:02x}", static_cast<unsigned>(cp));
        } else if (cp >= 0x80 && cp <= 0x9F) {
          out += fmt::format("\\u{:04x}", static_cast<unsigned>(cp));
        } else {
          append_utf8(out, cp);
        }
    }
  }
  return out;
}

// Cuts text to at most `max` columns, ending with "…" when cut.
std::string truncate_to(const std::string& text, std::size_t max) {
  if (max == 0 || display_width(text) <= max)
    return text;
  std::string out;
  std::size_t width = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t start = pos;
    const char32_t cp = next_code_point(text, pos);
    const auto w = static_cast<std::size_t>(code_point_width(cp));
    if (width + w + 1 > max)
      break;
    width += w;
    out.append(text, start, pos - start);
  }
  return out + "…";
}

bool is_number(const Value& v) {
  return std::holds_alternative<std::int64_t>(v) || std::holds_alternative<double>(v);
}

void pad(std::string& out, const std::string& cell, std::size_t width, bool right) {
  const std::size_t fill = width - std::min(width, display_width(cell));
  if (right)
    out.append(fill, ' ');
  out += cell;
  if (!right)
    out.append(fill, ' ');
}

}  // namespace

std::string render_text_table(const Table& table, const TextTableOptions& options) {
  const std::size_t ncols = table.columns.size();
  std::vector<std::vector<std::string>> cells;
  cells.reserve(table.rows.size());
  std::vector<bool> numeric(ncols, true);
  std::vector<std::size_t> widths(ncols, 0);
  std::vector<std::string> header(ncols);
  for (std::size_t c = 0; c < ncols; ++c) {
    header[c] = truncate_to(terminal_text(table.columns[c]), options.max_width);
    widths[c] = display_width(header[c]);
  }
  for (const auto& row : table.rows) {
    auto& out = cells.emplace_back(ncols);
    for (std::size_t c = 0; c < ncols; ++c) {
      const Value& v = c < row.size() ? row[c] : Value{};
      if (!is_null(v) && !is_number(v))
        numeric[c] = false;
      const auto text = to_text(v);
      out[c] = text ? truncate_to(terminal_text(*text), options.max_width) : options.null_text;
      widths[c] = std::max(widths[c], display_width(out[c]));
    }
  }
  std::string out;
  const auto line = [&](const std::vector<std::string>& row, bool is_header) {
    for (std::size_t c = 0; c < ncols; ++c) {
      out += c == 0 ? " " : " | ";
      pad(out, row[c], widths[c], numeric[c] && !(is_header && table.rows.empty()));
    }
    // No trailing spaces after the last column.
    out.erase(out.find_last_not_of(' ') + 1);
    out += '\n';
  };
  if (ncols > 0) {
    line(header, true);
    for (std::size_t c = 0; c < ncols; ++c) {
      if (c > 0)
        out += '+';
      out.append(widths[c] + 2, '-');
    }
    out += '\n';
    for (const auto& row : cells)
      line(row, false);
  }
  if (options.row_count) {
    out += fmt::format("({} row{})\n", table.rows.size(), table.rows.size() == 1 ? "" : "s");
  }
  return out;
}

}  // namespace sparkify::report
