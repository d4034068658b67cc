// Every statement a staging writer fills lists its columns in staging_row's order, as
// it runs (placeholders written out): the SQLite inserts and the merges from
// PostgreSQL's and Redshift's temporary tables.
#include "warehouse/staging_row.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <regex>
#include <string>
#include <type_traits>
#include <vector>

#include "parse/event_parser.hpp"
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
std::vector<std::string> listed_columns(std::string_view engine, std::string_view statement) {
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
  EXPECT_EQ(listed_columns("sqlite", "staging/insert_song"), names_of<SongRecord>(true));
  EXPECT_EQ(listed_columns("sqlite", "staging/insert_event"), names_of<EventRecord>(true));
  EXPECT_EQ(listed_columns("sqlite", "staging/insert_reject"), names_of<Reject>(false));
  EXPECT_EQ(listed_columns("sqlite", "ledger/record_object"), names_of<LoadedObject>(false));
}

// The merges from the temporary tables, whose rows PostgreSQL's COPYs and Redshift's
// multi-row INSERTs fill in the same order (column_list), set the processed flag.
TEST(StagingRow, MergesListTheColumnsInTheRecordsOrder) {
  EXPECT_EQ(listed_columns("postgres", "staging/merge_songs"), names_of<SongRecord>(true));
  EXPECT_EQ(listed_columns("postgres", "staging/merge_events"), names_of<EventRecord>(true));
  EXPECT_EQ(listed_columns("postgres", "staging/merge_objects"), names_of<LoadedObject>(false));
  EXPECT_EQ(listed_columns("redshift", "staging/merge_songs_insert"), names_of<SongRecord>(true));
  EXPECT_EQ(listed_columns("redshift", "staging/merge_events"), names_of<EventRecord>(true));
  EXPECT_EQ(listed_columns("redshift", "staging/merge_objects"), names_of<LoadedObject>(false));
}

TEST(StagingRow, AColumnListNamesTheColumnsInTheRecordsOrder) {
  const auto joined = [](const std::vector<std::string>& names) {
    std::string out;
    for (const auto& name : names)
      out += (out.empty() ? "" : ", ") + name;
    return out;
  };
  EXPECT_EQ(sparkify::column_list<EventRecord>(true), joined(names_of<EventRecord>(true)));
  EXPECT_EQ(sparkify::column_list<SongRecord>(false), joined(names_of<SongRecord>(false)));
  EXPECT_TRUE(sparkify::column_list<EventRecord>(false).starts_with("event_id, artist, auth, "));
  EXPECT_FALSE(sparkify::column_list<EventRecord>(false).ends_with("processed"));
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

// The log columns (Redshift's COPY reads them by their camelCase names through the
// JSONPaths file) are fields the event parser reads, each into its column: an event
// whose every log field has a value of its column's type is parsed, and each column
// holds its field's value.
TEST(StagingRow, TheLogColumnsAreTheLogsFieldsByTheirCamelCaseNames) {
  const std::string staged_at;
  const StagingStamp stamp{1, staged_at, std::nullopt};
  const auto log_columns = event_log_columns();
  const auto is_log_column = [&log_columns](std::string_view column) {
    return std::find(log_columns.begin(), log_columns.end(), column) != log_columns.end();
  };
  // Text as the column's name, numbers counted up from the time of an event of 2018.
  nlohmann::json line = nlohmann::json::object();
  std::int64_t number = 1541106106796;
  visit_columns(EventRecord{}, stamp, [&](std::string_view column, const auto& value) {
    if (!is_log_column(column))
      return;
    using V = std::decay_t<decltype(value)>;
    auto& field = line[log_field_name(column)];
    if constexpr (std::is_same_v<V, std::optional<double>>)
      field = static_cast<double>(number++) + 0.5;
    else if constexpr (std::is_same_v<V, std::int64_t> ||
                       std::is_same_v<V, std::optional<std::int64_t>>)
      field = number++;
    else
      field = std::string(column);
  });
  line["userId"] = "8";  // a string of digits, as the logs have it
  line["page"] = "Home";
  EventLogParser parser;
  const auto parsed = parser.parse(line.dump(), "log.json");
  ASSERT_EQ(parsed.records.size(), 1u) << (parsed.rejects.empty() ? "" : parsed.rejects[0].reason);

  std::vector<std::string> checked;
  visit_columns(parsed.records[0], stamp, [&](std::string_view column, const auto& value) {
    if (!is_log_column(column))
      return;
    using V = std::decay_t<decltype(value)>;
    std::string staged;
    if constexpr (std::is_same_v<V, std::int64_t> || std::is_same_v<V, std::string>)
      staged = fmt::format("{}", value);
    else if (value)
      staged = fmt::format("{}", *value);
    const auto& field = line.at(log_field_name(column));
    EXPECT_EQ(staged, field.is_string() ? field.get<std::string>() : field.dump()) << column;
    checked.emplace_back(column);
  });
  EXPECT_EQ(checked, log_columns);
  EXPECT_EQ(log_columns.front(), "artist");
  EXPECT_EQ(log_field_name("item_in_session"), "itemInSession");
}

}  // namespace
}  // namespace sparkify
