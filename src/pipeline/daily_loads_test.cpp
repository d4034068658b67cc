// A warehouse loaded day by day, in date order (each user's level history appended to)
// or in any other order (late days rebuild the histories they reach into), holds the
// level history that one load of every day gives.
#include "tests/support/daily_loads.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "warehouse/sqlite/sqlite_warehouse.hpp"

namespace sparkify {
namespace {

namespace fs = std::filesystem;

TEST(DailyLoads, GiveTheLevelHistoryOfOneLoad) {
  const fs::path folder =
      fs::temp_directory_path() / ("sparkify-daily-loads-" + std::to_string(::getpid()));
  fs::remove_all(folder);
  fs::create_directories(folder);
  SqliteWarehouse whole(folder / "whole.db");
  whole.migrate();
  testing::load_folder(whole, fs::path(SPARKIFY_SOURCE_DIR) / "data/sample");
  const auto expected = testing::level_history(whole);
  ASSERT_GT(expected.size(), 100u);

  auto orders = testing::daily_orders();
  orders.emplace_back("one day at a time, in date order",
                      testing::in_groups(testing::sample_days(), 1, 1));
  orders.emplace_back("shuffled (seed 5)", testing::shuffled_groups(5, 5));
  int n = 0;
  for (const auto& [name, groups] : orders) {
    SqliteWarehouse daily(folder / ("daily" + std::to_string(++n) + ".db"));
    daily.migrate();
    testing::load_days(daily, groups, folder / ("loads" + std::to_string(n)));
    EXPECT_EQ(testing::first_difference(testing::level_history(daily), expected), "") << name;
    EXPECT_EQ(
        daily.query("SELECT user_id, level, first_seen, last_seen FROM d_user ORDER BY 1").rows,
        whole.query("SELECT user_id, level, first_seen, last_seen FROM d_user ORDER BY 1").rows)
        << name;
  }
  fs::remove_all(folder);
}

}  // namespace
}  // namespace sparkify
