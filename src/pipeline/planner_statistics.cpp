#include "pipeline/planner_statistics.hpp"

#include <algorithm>

#include "core/phase_timer.hpp"
#include "pipeline/bulk_write.hpp"

namespace sparkify {

namespace {

constexpr std::string_view kStagedRowsInStatistics = "statistics/staged_rows";

}  // namespace

void refresh_planner_statistics(Warehouse& warehouse, bool staging_analysed) {
  for (const auto& name : warehouse.statement_names("maintenance")) {
    if (staging_analysed && name == kAnalyzeStaging)
      continue;
    const PhaseTimer timer(name);
    warehouse.execute(warehouse.statement(name));
  }
}

std::int64_t staged_rows_in_statistics(Warehouse& warehouse) {
  const auto names = warehouse.statement_names("statistics");
  if (std::find(names.begin(), names.end(), kStagedRowsInStatistics) == names.end())
    return 0;
  return to_int(warehouse.query(warehouse.statement(kStagedRowsInStatistics)).rows.at(0).at(0));
}

void StatisticsSchedule::start(std::int64_t rows_in_statistics) {
  in_statistics_ = std::max<std::int64_t>(rows_in_statistics, 0);
  written_ = 0;
}

bool StatisticsSchedule::due_after(std::int64_t rows) {
  written_ += rows;
  if (written_ < std::max(kStatisticsRefreshRows, in_statistics_))
    return false;
  in_statistics_ += written_;
  written_ = 0;
  return true;
}

}  // namespace sparkify
