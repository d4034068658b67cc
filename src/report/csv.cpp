#include "report/csv.hpp"

#include "core/utf8.hpp"

namespace sparkify::report {

std::string csv_field(std::string_view raw) {
  const std::string text = sanitize_utf8(raw);
  const bool quote = text.empty() || text.find_first_of(",\"\r\n") != std::string::npos ||
                     text.front() == ' ' || text.back() == ' ';
  if (!quote)
    return text;
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"')
      out += '"';
    out += c;
  }
  out += '"';
  return out;
}

std::string render_csv(const Table& table, const CsvOptions& options) {
  std::string out;
  if (options.header) {
    for (std::size_t c = 0; c < table.columns.size(); ++c) {
      if (c > 0)
        out += ',';
      out += csv_field(table.columns[c]);
    }
    out += options.line_end;
  }
  for (const auto& row : table.rows) {
    for (std::size_t c = 0; c < table.columns.size(); ++c) {
      if (c > 0)
        out += ',';
      if (c >= row.size())
        continue;
      if (const auto text = to_text(row[c]))
        out += csv_field(*text);
    }
    out += options.line_end;
  }
  return out;
}

}  // namespace sparkify::report
