// A warehouse table's columns as the engine's catalog has them, and those two loads of the
// same data agree on: the tests that compare engines row for row take their column lists
// from here, so a column added to a table is compared without being listed again.
#pragma once

#include <algorithm>
#include <array>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "tests/support/warehouse_tables.hpp"
#include "warehouse/warehouse.hpp"

namespace sparkify::testing {

// The columns of `table` in the engine's order.
inline std::vector<std::string> table_columns(Warehouse& wh, const std::string& table) {
  const Table t = wh.engine() == "sqlite"
                      ? wh.query("SELECT name FROM pragma_table_info($1) ORDER BY cid", {table})
                      : wh.query(
                            "SELECT CAST(column_name AS TEXT) FROM information_schema.columns "
                            "WHERE table_schema = current_schema() AND table_name = $1 "
                            "ORDER BY ordinal_position",
                            {table});
  std::vector<std::string> columns;
  for (const auto& row : t.rows)
    columns.push_back(to_text(row.at(0)).value_or(""));
  return columns;
}

// The columns of `table`, sorted: what two engines' tables must have alike.
inline std::vector<std::string> column_set(Warehouse& wh, const std::string& table) {
  auto columns = table_columns(wh, table);
  std::sort(columns.begin(), columns.end());
  return columns;
}

// "a, b, c": the columns of `table` but the stamps and `also_left_out`, in the engine's order.
inline std::string comparable_columns(Warehouse& wh, const std::string& table,
                                      std::initializer_list<std::string_view> also_left_out = {}) {
  std::string list;
  for (const auto& column : table_columns(wh, table)) {
    const auto left_out = [&column](const auto& names) {
      return std::find(names.begin(), names.end(), column) != names.end();
    };
    if (left_out(kStampColumns) || left_out(also_left_out))
      continue;
    list += list.empty() ? "" : ", ";
    list += column;
  }
  return list;
}

}  // namespace sparkify::testing
