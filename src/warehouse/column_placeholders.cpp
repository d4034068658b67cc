#include "warehouse/column_placeholders.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <array>
#include <utility>

#include "warehouse/staging_row.hpp"

namespace sparkify {

namespace {

// "$1, $2, ..., $n" for a list of n columns.
std::string parameters_for(std::string_view columns) {
  std::string out = "$1";
  int n = 1;
  for (const char c : columns) {
    if (c == ',')
      out += fmt::format(", ${}", ++n);
  }
  return out;
}

void replace_all(std::string& text, std::string_view token, std::string_view by) {
  for (auto at = text.find(token); at != std::string::npos; at = text.find(token, at + by.size()))
    text.replace(at, token.size(), by);
}

}  // namespace

std::string expand_column_placeholders(std::string_view sql) {
  std::string text(sql);
  if (text.find('{') == std::string::npos)
    return text;
  const std::array<std::pair<std::string_view, std::string>, 4> records = {{
      {"song", column_list<SongRecord>(false)},
      {"event", column_list<EventRecord>(false)},
      {"reject", column_list<Reject>(false)},
      {"object", column_list<LoadedObject>(false)},
  }};
  replace_all(text, "{event_log_columns}", fmt::to_string(fmt::join(event_log_columns(), ", ")));
  for (const auto& [record, columns] : records) {
    replace_all(text, fmt::format("{{{}_columns}}", record), columns);
    replace_all(text, fmt::format("{{{}_parameters}}", record), parameters_for(columns));
  }
  return text;
}

}  // namespace sparkify
