// The analysts' named queries: one SQL file per query in each engine's
// sql/query/ folder, described and parameterised by its header comment.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "analytics/statement_header.hpp"
#include "warehouse/warehouse.hpp"

namespace sparkify::analytics {

struct NamedQuery {
  std::string name;       // "top-artists"
  std::string statement;  // "query/top-artists"
  StatementHeader header;
};

// Every named query of the warehouse's engine, sorted by name.
std::vector<NamedQuery> list_named_queries(const Warehouse& warehouse);

// One query by name, or nothing.
std::optional<NamedQuery> find_named_query(const Warehouse& warehouse, std::string_view name);

// Runs a query with name=value parameters (converted to the declared types and
// bound positionally). Throws ParamError for a missing, unknown or bad parameter.
Table run_named_query(Warehouse& warehouse, const NamedQuery& query,
                      const std::map<std::string, std::string>& params = {});

// The same by name; throws ParamError when there is no such query.
Table run_named_query(Warehouse& warehouse, std::string_view name,
                      const std::map<std::string, std::string>& params = {});

}  // namespace sparkify::analytics
