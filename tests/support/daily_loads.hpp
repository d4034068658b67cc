// The sample's daily event logs loaded a few days at a time, in a chosen order: each
// load adds its days to an events folder and is one batch over the new files only, as
// a daily job (or a backfill of a missed day) is. A warehouse built so must hold what
// one load of every day gives.
#pragma once

#include <algorithm>
#include <filesystem>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "pipeline/loader.hpp"
#include "tests/support/folder_load.hpp"

namespace sparkify::testing {

using DayGroups = std::vector<std::vector<std::filesystem::path>>;

// The sample's event logs, in date order.
inline std::vector<std::filesystem::path> sample_days() {
  std::vector<std::filesystem::path> days;
  const auto logs = std::filesystem::path(SPARKIFY_SOURCE_DIR) / "data/sample/log_data";
  for (const auto& entry : std::filesystem::recursive_directory_iterator(logs)) {
    if (entry.is_regular_file())
      days.push_back(entry.path());
  }
  std::sort(days.begin(), days.end());
  return days;
}

// The days cut into loads of 1 to max_days days, in order.
inline DayGroups in_groups(const std::vector<std::filesystem::path>& days, std::size_t max_days,
                           unsigned seed) {
  std::mt19937 random(seed);
  DayGroups groups;
  for (std::size_t i = 0; i < days.size();) {
    const std::size_t n = std::min(days.size() - i, 1 + random() % max_days);
    groups.emplace_back(days.begin() + static_cast<std::ptrdiff_t>(i),
                        days.begin() + static_cast<std::ptrdiff_t>(i + n));
    i += n;
  }
  return groups;
}

// The days in a random order, then cut into loads.
inline DayGroups shuffled_groups(std::size_t max_days, unsigned seed) {
  auto days = sample_days();
  std::shuffle(days.begin(), days.end(), std::mt19937(seed));
  return in_groups(days, max_days, seed);
}

// Named orders of the sample's days: in date order a few at a time (every history
// appended to), newest first (every late day rebuilds) and shuffled (both).
inline std::vector<std::pair<std::string, DayGroups>> daily_orders() {
  auto newest_first = sample_days();
  std::reverse(newest_first.begin(), newest_first.end());
  return {{"a few days at a time, in date order", in_groups(sample_days(), 3, 1)},
          {"newest day first", in_groups(newest_first, 3, 3)},
          {"shuffled (seed 4)", shuffled_groups(4, 4)}};
}

// One load per group into wh (migrated and locked by the caller), the songs first;
// folder is the loads' scratch space.
inline void load_days(Warehouse& wh, const DayGroups& groups, const std::filesystem::path& folder) {
  namespace fs = std::filesystem;
  fs::remove_all(folder);
  fs::create_directories(folder / "log_data");
  fs::copy(fs::path(SPARKIFY_SOURCE_DIR) / "data/sample/song_data", folder / "song_data",
           fs::copy_options::recursive);
  for (const auto& group : groups) {
    for (const auto& day : group)
      fs::copy_file(day, folder / "log_data" / day.filename());
    load_folder(wh, folder);
  }
}

// d_user_level in a canonical order.
inline std::vector<std::vector<Value>> level_history(Warehouse& wh) {
  auto rows = wh.query("SELECT user_id, start_time, level, end_time FROM d_user_level").rows;
  std::sort(rows.begin(), rows.end());
  return rows;
}

// "" when the rows are the same, else how many differ and the first that does.
inline std::string first_difference(const std::vector<std::vector<Value>>& actual,
                                    const std::vector<std::vector<Value>>& expected) {
  const auto row_text = [](const std::vector<Value>& row) {
    std::string text;
    for (const auto& value : row)
      text += to_text(value).value_or("NULL") + " | ";
    return text;
  };
  if (actual == expected)
    return "";
  const auto [a, e] = std::mismatch(actual.begin(), actual.end(), expected.begin(), expected.end());
  return std::to_string(actual.size()) + " rows, expected " + std::to_string(expected.size()) +
         "; first difference: " + (a == actual.end() ? "(none)" : row_text(*a)) + " expected " +
         (e == expected.end() ? "(none)" : row_text(*e));
}

}  // namespace sparkify::testing
