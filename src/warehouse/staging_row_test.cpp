// Every statement a staging writer fills lists its columns in staging_row's order:
// the SQLite inserts, the PostgreSQL COPYs and the Redshift multi-row INSERTs.
#include "warehouse/staging_row.hpp"

#include <gtest/gtest.h>

#include <regex>
#include <string>
#include <vector>

#include "warehouse/embedded_sql.hpp"

namespace sparkify {
namespace {

template <typename Record>
std::vector<std::string> names_of(bool with_processed) {
  const std::string staged_at = "2018-11-01 00:00:00";
  std::vector<std::string> names;
  visit_columns(
      Record{}, StagingStamp{1, staged_at, with_processed ? std::optional(0) : std::nullopt},
      [&names](std::string_view column, const auto& /*value*/) { names.emplace_back(column); });
  return names;
}

// The column list of "INSERT INTO t (a, b) ..." or "COPY t (a, b) FROM STDIN".
std::vector<std::string> column_list(std::string_view engine, std::string_view statement) {
  const std::string sql(engine_statement(engine, statement));
  std::smatch match;
  if (!std::regex_search(sql, match, std::regex(R"((?:INSERT INTO|COPY) \w+ \(([^)]*)\))")))
    return {};
  std::vector<std::string> names;
  const std::string list = match[1];
  const std::regex name(R"(\w+)");
  for (auto it = std::sregex_iterator(list.begin(), list.end(), name); it != std::sregex_iterator();
       ++it) {
    names.push_back(it->str());
  }
  return names;
}

TEST(StagingRow, SqliteInsertsListTheColumnsInTheRecordsOrder) {
  EXPECT_EQ(column_list("sqlite", "staging/insert_song"), names_of<SongRecord>(true));
  EXPECT_EQ(column_list("sqlite", "staging/insert_event"), names_of<EventRecord>(true));
  EXPECT_EQ(column_list("sqlite", "staging/insert_reject"), names_of<Reject>(false));
  EXPECT_EQ(column_list("sqlite", "ledger/record_object"), names_of<LoadedObject>(false));
}

TEST(StagingRow, PostgresCopiesListTheColumnsInTheRecordsOrder) {
  EXPECT_EQ(column_list("postgres", "staging/copy_songs"), names_of<SongRecord>(false));
  EXPECT_EQ(column_list("postgres", "staging/copy_events"), names_of<EventRecord>(false));
  EXPECT_EQ(column_list("postgres", "staging/copy_events_bulk"), names_of<EventRecord>(true));
  EXPECT_EQ(column_list("postgres", "staging/copy_rejects"), names_of<Reject>(false));
  EXPECT_EQ(column_list("postgres", "staging/copy_objects"), names_of<LoadedObject>(false));
}

TEST(StagingRow, RedshiftInsertsListTheColumnsInTheRecordsOrder) {
  EXPECT_EQ(column_list("redshift", "staging/values_songs"), names_of<SongRecord>(false));
  EXPECT_EQ(column_list("redshift", "staging/values_events"), names_of<EventRecord>(false));
  EXPECT_EQ(column_list("redshift", "staging/values_rejects"), names_of<Reject>(false));
  EXPECT_EQ(column_list("redshift", "staging/values_objects"), names_of<LoadedObject>(false));
}

TEST(StagingRow, ARejectWithoutAFieldHasANullField) {
  const std::string staged_at = "2018-11-01 00:00:00";
  std::optional<std::string_view> field{"not visited"};
  visit_columns(Reject{"k", 1, "", "bad", "{"}, StagingStamp{1, staged_at, std::nullopt},
                [&field](std::string_view column, const auto& value) {
                  if constexpr (std::is_same_v<std::decay_t<decltype(value)>,
                                               std::optional<std::string_view>>) {
                    if (column == "field")
                      field = value;
                  }
                });
  EXPECT_FALSE(field.has_value());
}

}  // namespace
}  // namespace sparkify
