// The report of a warehouse: its checks, its row counts and the analysts'
// named queries as tables and charts, ready for render_html_report().
#pragma once

#include <string>

#include "analytics/checks.hpp"
#include "report/html_report.hpp"
#include "warehouse/warehouse.hpp"

namespace sparkify::analytics {

struct WarehouseReportOptions {
  CheckOptions checks;
  std::string artist = "Kings Of Leon";  // whose plays by location are shown
  std::size_t top_locations = 15;        // locations drawn in the free/paid chart
  std::string generated_at;              // shown in the summary (UTC text)
  std::string version;                   // shown in the footer
};

// Reads everything from the warehouse (named statements only) and lays it out.
// `checks` receives the check outcomes, so a caller can also set its exit code.
report::ReportModel build_warehouse_report(Warehouse& warehouse,
                                           const WarehouseReportOptions& options,
                                           std::vector<CheckOutcome>* checks = nullptr);

}  // namespace sparkify::analytics
