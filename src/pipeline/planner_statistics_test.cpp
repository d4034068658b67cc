#include "pipeline/planner_statistics.hpp"

#include <gtest/gtest.h>

namespace sparkify {
namespace {

TEST(StatisticsSchedule, FirstAfterTheRefreshRowsThenEachTimeTheRowsDouble) {
  StatisticsSchedule schedule;
  EXPECT_FALSE(schedule.due_after(kStatisticsRefreshRows - 1));
  EXPECT_TRUE(schedule.due_after(1));  // 50,000
  EXPECT_FALSE(schedule.due_after(kStatisticsRefreshRows - 1));
  EXPECT_TRUE(schedule.due_after(1));  // 100,000
  EXPECT_FALSE(schedule.due_after(99'999));
  EXPECT_TRUE(schedule.due_after(1));  // 200,000
}

TEST(StatisticsSchedule, ABigMicroBatchMovesTheNextRefreshPastItsRows) {
  StatisticsSchedule schedule;
  EXPECT_TRUE(schedule.due_after(300'000));
  EXPECT_FALSE(schedule.due_after(299'999));
  EXPECT_TRUE(schedule.due_after(1));  // 600,000
}

}  // namespace
}  // namespace sparkify
