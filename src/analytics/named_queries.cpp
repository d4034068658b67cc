#include "analytics/named_queries.hpp"

#include <fmt/format.h>

namespace sparkify::analytics {
namespace {

constexpr std::string_view kFolder = "query";

}  // namespace

std::vector<NamedQuery> list_named_queries(const Warehouse& warehouse) {
  std::vector<NamedQuery> queries;
  const auto statements = warehouse.statement_names(kFolder);
  if (statements.empty()) {
    throw WarehouseError(fmt::format("the {} engine has no named queries yet", warehouse.engine()));
  }
  for (const auto& statement : statements) {
    NamedQuery q;
    q.name = statement.substr(kFolder.size() + 1);
    q.statement = statement;
    q.header = parse_statement_header(warehouse.statement(statement));
    queries.push_back(std::move(q));
  }
  return queries;
}

std::optional<NamedQuery> find_named_query(const Warehouse& warehouse, std::string_view name) {
  for (auto& q : list_named_queries(warehouse)) {
    if (q.name == name)
      return std::move(q);
  }
  return std::nullopt;
}

Table run_named_query(Warehouse& warehouse, const NamedQuery& query,
                      const std::map<std::string, std::string>& params) {
  const std::vector<Value> values = bind_params(query.header, params);
  return warehouse.query(warehouse.statement(query.statement), values);
}

Table run_named_query(Warehouse& warehouse, std::string_view name,
                      const std::map<std::string, std::string>& params) {
  const auto query = find_named_query(warehouse, name);
  if (!query) {
    throw ParamError(fmt::format("no query named {} (see `sparkify query --list`)", name));
  }
  return run_named_query(warehouse, *query, params);
}

}  // namespace sparkify::analytics
