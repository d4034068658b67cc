// The warehouse tables two equal warehouses share, on every engine, each with an
// ORDER BY that sorts its rows completely: what the canonical dumps of the tests read.
#pragma once

#include <array>

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

}  // namespace sparkify::testing
