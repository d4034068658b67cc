// Planner statistics after the rows of the tables have changed much: engines that keep
// them (PostgreSQL) list the statements that refresh them under maintenance/.
#pragma once

#include <cstdint>
#include <string_view>

#include "warehouse/warehouse.hpp"

namespace sparkify {

// The statement that refreshes the staging tables' planner statistics, on the engines
// that keep them.
inline constexpr std::string_view kAnalyzeStaging = "maintenance/analyze_staging";

// Fresh planner statistics of the staged rows, when the engine keeps them
// (kAnalyzeStaging): inside a bulk batch, so that its transforms plan for the rows it
// staged rather than for the tables as they were before it; after a server's
// micro-batches have grown the tables (StatisticsSchedule).
void analyze_staged_rows(Warehouse& warehouse);

// Runs the engine's maintenance statements (none on an engine without planner
// statistics), outside any batch: a failure loses nothing. `staging_analysed`: a bulk
// batch refreshed the staging tables' statistics already, and they have not changed.
void refresh_planner_statistics(Warehouse& warehouse, bool staging_analysed = false);

// The staged rows the engine's statistics were taken for (statistics/staged_rows), or 0
// on an engine without planner statistics.
std::int64_t staged_rows_in_statistics(Warehouse& warehouse);

// Rows a batch writes before its statistics are refreshed after it (the load), and the
// least a server's micro-batches write between two refreshes.
inline constexpr std::int64_t kStatisticsRefreshRows = 50'000;

// When a server's micro-batches, none of them large, have together grown the staging
// tables enough to refresh their statistics (kAnalyzeStaging): once they have written
// as many rows as the tables held when the statistics were last taken, and at least
// kStatisticsRefreshRows. A warehouse that starts empty and grows under load keeps
// statistics within a factor of two of its size (the database's own background
// analysis runs about once a minute; a plan made for a table a hundred times smaller
// reads every row of it), and a large one is left to the database.
class StatisticsSchedule {
 public:
  // The staged rows the statistics fit now (staged_rows_in_statistics).
  void start(std::int64_t rows_in_statistics);
  // Counts a micro-batch's rows; true when a refresh is due after it.
  bool due_after(std::int64_t rows);

 private:
  std::int64_t in_statistics_ = 0;
  std::int64_t written_ = 0;  // since the statistics were taken
};

}  // namespace sparkify
