#include "analytics/checks.hpp"

#include <fmt/format.h>

#include <cmath>
#include <map>

#include "analytics/statement_header.hpp"
#include "core/json_string.hpp"

namespace sparkify::analytics {

std::vector<CheckOutcome> run_checks(Warehouse& warehouse, const CheckOptions& options) {
  const std::map<std::string, Value> values{{"max_reject_share", options.max_reject_share},
                                            {"min_match_share", options.min_match_share}};
  std::vector<CheckOutcome> outcomes;
  const auto statements = warehouse.statement_names("check");
  if (statements.empty()) {
    throw WarehouseError(
        fmt::format("the {} engine has no data-quality checks yet", warehouse.engine()));
  }
  for (const auto& statement : statements) {
    const std::string_view sql = warehouse.statement(statement);
    const StatementHeader header = parse_statement_header(sql);
    const Table rows = warehouse.query(sql, bind_params(header, values));
    if (rows.columns.size() != 4) {
      throw WarehouseError(
          fmt::format("{} must return 4 columns, not {}", statement, rows.columns.size()));
    }
    for (const auto& row : rows.rows) {
      CheckOutcome o;
      o.name = to_text(row[0]).value_or(statement);
      o.passed = !is_null(row[1]) && to_int(row[1]) != 0;
      o.observed = row[2];
      o.detail = to_text(row[3]).value_or("");
      o.statement = statement;
      o.description = header.description;
      outcomes.push_back(std::move(o));
    }
  }
  return outcomes;
}

Table checks_table(const std::vector<CheckOutcome>& outcomes) {
  Table table;
  table.columns = {"check", "status", "observed", "detail"};
  for (const auto& o : outcomes) {
    table.rows.push_back({o.name, std::string(o.passed ? "PASS" : "FAIL"), o.observed, o.detail});
  }
  return table;
}

std::string checks_json(const std::vector<CheckOutcome>& outcomes) {
  std::size_t failed = 0;
  for (const auto& o : outcomes)
    failed += o.passed ? 0 : 1;
  std::string out = fmt::format("{{\"passed\": {}, \"failed\": {}, \"checks\": [",
                                failed == 0 ? "true" : "false", failed);
  for (std::size_t i = 0; i < outcomes.size(); ++i) {
    const auto& o = outcomes[i];
    out += i == 0 ? "\n  {\"check\": " : ",\n  {\"check\": ";
    append_json_string(out, o.name);
    out += fmt::format(", \"passed\": {}, \"observed\": ", o.passed ? "true" : "false");
    if (const auto* real = std::get_if<double>(&o.observed); real && !std::isfinite(*real)) {
      out += "null";
    } else if (std::holds_alternative<std::string>(o.observed)) {
      append_json_string(out, std::get<std::string>(o.observed));
    } else {
      out += to_text(o.observed).value_or("null");
    }
    out += ", \"detail\": ";
    append_json_string(out, o.detail);
    out += "}";
  }
  out += outcomes.empty() ? "]}\n" : "\n]}\n";
  return out;
}

}  // namespace sparkify::analytics
