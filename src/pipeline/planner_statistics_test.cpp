#include "pipeline/planner_statistics.hpp"

#include <gtest/gtest.h>

namespace sparkify {
namespace {

TEST(StatisticsSchedule, AnEmptyWarehouseFirstAfterTheRefreshRowsThenEachTimeItDoubles) {
  StatisticsSchedule schedule;
  schedule.start(0);
  EXPECT_FALSE(schedule.due_after(kStatisticsRefreshRows - 1));
  EXPECT_TRUE(schedule.due_after(1));  // 50,000 rows
  EXPECT_FALSE(schedule.due_after(kStatisticsRefreshRows - 1));
  EXPECT_TRUE(schedule.due_after(1));  // 100,000
  EXPECT_FALSE(schedule.due_after(99'999));
  EXPECT_TRUE(schedule.due_after(1));  // 200,000
}

TEST(StatisticsSchedule, ALargeWarehouseWaitsUntilItsStagedRowsDouble) {
  StatisticsSchedule schedule;
  schedule.start(2'000'000);
  EXPECT_FALSE(schedule.due_after(1'999'999));
  EXPECT_TRUE(schedule.due_after(1));  // 4,000,000 rows
  EXPECT_FALSE(schedule.due_after(3'999'999));
  EXPECT_TRUE(schedule.due_after(1));  // 8,000,000
}

TEST(StatisticsSchedule, ASmallWarehouseWaitsForTheRefreshRowsAtLeast) {
  StatisticsSchedule schedule;
  schedule.start(10'000);
  EXPECT_FALSE(schedule.due_after(kStatisticsRefreshRows - 1));
  EXPECT_TRUE(schedule.due_after(1));  // 60,000 rows
  EXPECT_FALSE(schedule.due_after(59'999));
  EXPECT_TRUE(schedule.due_after(1));  // 120,000
}

}  // namespace
}  // namespace sparkify
