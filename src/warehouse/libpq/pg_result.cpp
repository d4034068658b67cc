#include "warehouse/libpq/pg_result.hpp"

#include <charconv>
#include <string_view>

#include "warehouse/libpq/pg_values.hpp"

namespace sparkify::pg {

std::int64_t Result::rows_affected() const {
  if (!result_)
    return 0;
  const std::string_view text = PQcmdTuples(result_.get());
  std::int64_t out = 0;
  std::from_chars(text.data(), text.data() + text.size(), out);
  return out;
}

Table Result::to_table() const {
  Table table;
  if (!result_)
    return table;
  PGresult* r = result_.get();
  const int columns = PQnfields(r);
  const int rows = PQntuples(r);
  table.columns.reserve(static_cast<std::size_t>(columns));
  std::vector<Oid> types(static_cast<std::size_t>(columns));
  for (int c = 0; c < columns; ++c) {
    table.columns.emplace_back(PQfname(r, c));
    types[static_cast<std::size_t>(c)] = PQftype(r, c);
  }
  table.rows.reserve(static_cast<std::size_t>(rows));
  for (int i = 0; i < rows; ++i) {
    auto& row = table.rows.emplace_back();
    row.reserve(static_cast<std::size_t>(columns));
    for (int c = 0; c < columns; ++c) {
      if (PQgetisnull(r, i, c) != 0) {
        row.emplace_back();
      } else {
        row.push_back(from_result_text(
            types[static_cast<std::size_t>(c)],
            std::string_view(PQgetvalue(r, i, c), static_cast<std::size_t>(PQgetlength(r, i, c)))));
      }
    }
  }
  return table;
}

}  // namespace sparkify::pg
