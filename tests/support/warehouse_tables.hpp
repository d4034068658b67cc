// The warehouse tables two equal warehouses share, on every engine, each with an
// ORDER BY that sorts its rows completely: what the canonical dumps of the tests read.
#pragma once

#include <array>
#include <string>
#include <string_view>

namespace sparkify::testing {

struct WarehouseTable {
  const char* name;
  const char* order_by;  // column positions
};

inline constexpr std::array<WarehouseTable, 16> kWarehouseTables{{
    {"s_song", "1, 2, 3"},
    {"s_songplay_event", "1, 2, 3"},
    {"d_artist", "1, 2, 3"},
    {"d_song", "1, 2, 3"},
    {"d_time", "1, 2, 3"},
    {"d_user", "1, 2, 3"},
    {"d_user_level", "1, 2, 3"},
    {"f_songplay", "1, 2, 3"},
    {"a_artist_name_plays", "1"},
    {"a_artist_name_gender_plays", "1, 2"},
    {"a_user_counted_gender", "1"},
    {"a_hour_plays", "1, 2, 3, 4"},
    {"a_location_plays", "1"},
    {"etl_object", "1, 2, 3"},
    {"etl_reject", "1, 2, 3"},
    {"etl_batch", "1, 2, 3"},
}};

// Columns that say when a row was written, or number rows in the order they were: no two
// loads agree on them.
inline constexpr std::array<std::string_view, 6> kStampColumns{
    "staged_at", "loaded_at", "started_at", "finished_at", "rejected_at", "reject_id"};

// The plays by artist name, and by gender and artist name, as the queries read them:
// the counts and the counts of recent batches waiting apart (schema 16), summed.
// Which of the two tables holds a count depends on the batches, not on the data.
inline constexpr const char* kArtistNamePlays =
    "(SELECT artist_name, CAST(SUM(plays) AS BIGINT) AS plays "
    "FROM (SELECT artist_name, plays FROM a_artist_name_plays UNION ALL "
    "SELECT artist_name, plays FROM a_artist_name_recent_plays) AS c "
    "GROUP BY artist_name HAVING SUM(plays) <> 0) AS a_artist_name_plays";
inline constexpr const char* kArtistNameGenderPlays =
    "(SELECT gender, artist_name, CAST(SUM(plays) AS BIGINT) AS plays "
    "FROM (SELECT gender, artist_name, plays FROM a_artist_name_gender_plays UNION ALL "
    "SELECT gender, artist_name, plays FROM a_artist_name_recent_plays "
    "WHERE gender IS NOT NULL) AS c "
    "GROUP BY gender, artist_name HAVING SUM(plays) <> 0) AS a_artist_name_gender_plays";

// What a dump of `table` reads FROM: the table, or the counts as the queries read them.
inline std::string table_source(std::string_view table) {
  if (table == "a_artist_name_plays")
    return kArtistNamePlays;
  if (table == "a_artist_name_gender_plays")
    return kArtistNameGenderPlays;
  return std::string(table);
}

}  // namespace sparkify::testing
