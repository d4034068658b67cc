#include "warehouse/column_placeholders.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <regex>
#include <string>

#include "warehouse/embedded_sql.hpp"
#include "warehouse/staging_row.hpp"

namespace sparkify {
namespace {

TEST(ColumnPlaceholders, ARecordsColumnsInTheirOneOrder) {
  EXPECT_EQ(expand_column_placeholders("INSERT INTO etl_object ({object_columns}) SELECT 1"),
            "INSERT INTO etl_object (source_key, version, kind, size_bytes, batch_id, records, "
            "rejects, loaded_at) SELECT 1");
  EXPECT_EQ(expand_column_placeholders("({event_columns}, processed)"),
            fmt::format("({}, processed)", column_list<EventRecord>(false)));
}

TEST(ColumnPlaceholders, OneParameterPerColumn) {
  EXPECT_EQ(expand_column_placeholders("VALUES ({reject_parameters})"),
            "VALUES ($1, $2, $3, $4, $5, $6, $7)");
  EXPECT_EQ(expand_column_placeholders("{song_parameters}, ?"),
            "$1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, ?");
}

TEST(ColumnPlaceholders, EveryPlaceholderInAStatementIsWrittenOut) {
  EXPECT_EQ(expand_column_placeholders("{event_columns} {event_columns}"),
            column_list<EventRecord>(false) + " " + column_list<EventRecord>(false));
  EXPECT_EQ(expand_column_placeholders("WHERE c ~ '^[0-9]{1,18}$' {user_columns}"),
            "WHERE c ~ '^[0-9]{1,18}$' {user_columns}");
}

// A misspelt placeholder would reach the database as text; none is left in what runs.
TEST(ColumnPlaceholders, NoEmbeddedStatementKeepsOne) {
  const std::regex placeholder(R"(\{\w+_(columns|parameters)\})");
  int used = 0;
  for (const auto& raw : embedded_files())
    used += std::regex_search(std::string(raw.text), placeholder) ? 1 : 0;
  EXPECT_GT(used, 0);
  for (const auto& file : embedded_sql())
    EXPECT_FALSE(std::regex_search(std::string(file.text), placeholder)) << file.name;
}

}  // namespace
}  // namespace sparkify
