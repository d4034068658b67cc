// Data-quality checks: one SQL file per group of checks in each engine's
// sql/check/ folder, each returning rows of (check_name, passed, observed, detail).
#pragma once

#include <string>
#include <vector>

#include "core/table.hpp"
#include "warehouse/warehouse.hpp"

namespace sparkify::analytics {

struct CheckOptions {
  // Rejected records may be at most this share of all records read (staged +
  // rejected). 1%: a few malformed lines are expected in real logs; more means
  // a feed changed shape.
  double max_reject_share = 0.01;
  // Plays matched to a known song must be at least this share. 0 by default:
  // the share is reported, not enforced (the sample matches 1 play of 6,820;
  // the full data set 638).
  double min_match_share = 0.0;
};

struct CheckOutcome {
  std::string name;  // "keys:d_user"
  bool passed = false;
  Value observed;         // the measured number
  std::string detail;     // what was measured, in words
  std::string statement;  // the file that ran it, e.g. "check/20_keys"
  std::string description;
};

// Runs every check of the warehouse's engine, in file order.
std::vector<CheckOutcome> run_checks(Warehouse& warehouse, const CheckOptions& options);

inline bool all_passed(const std::vector<CheckOutcome>& outcomes) {
  for (const auto& o : outcomes) {
    if (!o.passed)
      return false;
  }
  return true;
}

// The outcomes as a table: check, status (PASS/FAIL), observed, detail.
Table checks_table(const std::vector<CheckOutcome>& outcomes);

// The outcomes as JSON: {"passed": bool, "failed": N, "checks": [{"check", "passed",
// "observed", "detail"}, ...]}.
std::string checks_json(const std::vector<CheckOutcome>& outcomes);

}  // namespace sparkify::analytics
