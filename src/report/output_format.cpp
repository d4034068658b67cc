#include "report/output_format.hpp"

#include "report/csv.hpp"
#include "report/json.hpp"
#include "report/text_table.hpp"

namespace sparkify::report {

std::optional<OutputFormat> parse_output_format(std::string_view name) {
  if (name == "table")
    return OutputFormat::table;
  if (name == "csv")
    return OutputFormat::csv;
  if (name == "json")
    return OutputFormat::json;
  return std::nullopt;
}

std::string render(const Table& table, OutputFormat format) {
  switch (format) {
    case OutputFormat::table:
      return render_text_table(table);
    case OutputFormat::csv:
      return render_csv(table);
    case OutputFormat::json:
      return render_json(table);
  }
  return {};
}

}  // namespace sparkify::report
