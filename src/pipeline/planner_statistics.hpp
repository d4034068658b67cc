// Planner statistics after the rows of the tables have changed much: engines that keep
// them (PostgreSQL) list the statements that refresh them under maintenance/.
#pragma once

#include <cstdint>

#include "warehouse/warehouse.hpp"

namespace sparkify {

// Runs the engine's maintenance statements (none on an engine without planner
// statistics), outside any batch: a failure loses nothing. `staging_analysed`: a bulk
// batch refreshed the staging tables' statistics already, and they have not changed.
void refresh_planner_statistics(Warehouse& warehouse, bool staging_analysed = false);

// Rows a batch writes before its statistics are refreshed after it (the load), and the
// first refresh of a server's micro-batches.
inline constexpr std::int64_t kStatisticsRefreshRows = 50'000;

// When a server's micro-batches, none of them large, have together changed the staging
// tables enough to refresh their statistics (kAnalyzeStaging): after the first
// kStatisticsRefreshRows rows, then each time the run's rows have doubled. A warehouse that starts
// empty and grows under load keeps statistics within a factor of two of its size (the database's
// own background analysis runs about once a minute; a plan made for a table a hundred times smaller
// reads every row of it), and the refreshes get rarer as it grows.
class StatisticsSchedule {
 public:
  // Counts a micro-batch's rows; true when a refresh is due after it.
  bool due_after(std::int64_t rows);

 private:
  std::int64_t rows_ = 0;
  std::int64_t next_ = kStatisticsRefreshRows;
};

}  // namespace sparkify
