// Two warehouses that loaded the same data, compared table by table and row by row in
// the columns they agree on (table_columns.hpp): engines against each other, or one
// engine's write paths against each other.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "tests/support/table_columns.hpp"
#include "tests/support/warehouse_tables.hpp"
#include "warehouse/warehouse.hpp"

namespace sparkify::testing {

// A table's rows in those columns, in a canonical order whatever the engine's collation.
inline std::vector<std::vector<Value>> rows_of(Warehouse& wh, const std::string& table,
                                               const std::string& columns) {
  auto rows = wh.query("SELECT " + columns + " FROM " + table_source(table)).rows;
  std::sort(rows.begin(), rows.end());
  return rows;
}

inline std::string row_text(const std::vector<Value>& row) {
  std::string text;
  for (const auto& v : row)
    text += to_text(v).value_or("NULL") + " | ";
  return text;
}

// Every warehouse table has the same columns in both, and the same rows; the first
// differing rows of a table are shown.
inline void expect_same_tables(Warehouse& a, Warehouse& b) {
  for (const auto& t : kWarehouseTables) {
    const std::string table = t.name;
    EXPECT_EQ(column_set(a, table), column_set(b, table)) << table;
    const std::string columns = comparable_columns(a, table);
    const auto ra = rows_of(a, table, columns);
    const auto rb = rows_of(b, table, columns);
    EXPECT_EQ(ra.size(), rb.size()) << table;
    std::size_t differing = 0;
    for (std::size_t i = 0; i < std::min(ra.size(), rb.size()); ++i) {
      if (ra[i] != rb[i] && ++differing <= 3) {
        ADD_FAILURE() << table << " row " << i << " differs:\n  " << a.engine() << ": "
                      << row_text(ra[i]) << "\n  " << b.engine() << ": " << row_text(rb[i]);
      }
    }
    EXPECT_EQ(differing, 0u) << table;
  }
}

// The star schema's tables, row for row.
inline void expect_same_star_schema(Warehouse& a, Warehouse& b) {
  for (const auto& table :
       {"d_artist", "d_song", "d_time", "d_user", "d_user_level", "f_songplay"}) {
    const std::string columns = comparable_columns(a, table);
    EXPECT_EQ(rows_of(a, table, columns), rows_of(b, table, columns)) << table;
  }
}

}  // namespace sparkify::testing
