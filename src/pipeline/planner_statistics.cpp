#include "pipeline/planner_statistics.hpp"

#include "core/phase_timer.hpp"
#include "pipeline/bulk_write.hpp"

namespace sparkify {

void refresh_planner_statistics(Warehouse& warehouse, bool staging_analysed) {
  for (const auto& name : warehouse.statement_names("maintenance")) {
    if (staging_analysed && name == kAnalyzeStaging)
      continue;
    const PhaseTimer timer(name);
    warehouse.execute(warehouse.statement(name));
  }
}

bool StatisticsSchedule::due_after(std::int64_t rows) {
  rows_ += rows;
  if (rows_ < next_)
    return false;
  next_ = 2 * rows_;
  return true;
}

}  // namespace sparkify
