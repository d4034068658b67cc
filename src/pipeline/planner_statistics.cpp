#include "pipeline/planner_statistics.hpp"

#include <algorithm>

#include "core/phase_timer.hpp"

namespace sparkify {

namespace {

constexpr std::string_view kStagedRowsInStatistics = "statistics/staged_rows";

// Whether the engine writes a statement of that name ("maintenance/analyze_staging").
bool has_statement(const Warehouse& warehouse, std::string_view name) {
  const auto names = warehouse.statement_names(name.substr(0, name.find('/')));
  return std::find(names.begin(), names.end(), name) != names.end();
}

}  // namespace

void analyze_staged_rows(Warehouse& warehouse) {
  if (!has_statement(warehouse, kAnalyzeStaging))
    return;
  const PhaseTimer timer(kAnalyzeStaging);
  warehouse.execute(warehouse.statement(kAnalyzeStaging));
}

void refresh_planner_statistics(Warehouse& warehouse, bool staging_analysed) {
  for (const auto& name : warehouse.statement_names("maintenance")) {
    if (staging_analysed && name == kAnalyzeStaging)
      continue;
    const PhaseTimer timer(name);
    warehouse.execute(warehouse.statement(name));
  }
}

std::int64_t staged_rows_in_statistics(Warehouse& warehouse) {
  if (!has_statement(warehouse, kStagedRowsInStatistics))
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
