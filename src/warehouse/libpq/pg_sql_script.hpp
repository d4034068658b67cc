// Splits SQL text into statements, for running a multi-statement .sql file with
// parameters (the extended protocol takes one statement at a time). Understands
// '...' strings, "..." identifiers, -- and /* */ comments and $tag$...$tag$
// bodies, so a ';' or "$1" inside them is not taken for syntax.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "core/table.hpp"

namespace sparkify::pg {

struct SqlStatement {
  std::string_view text;  // without the terminating ';'
  int max_parameter = 0;  // highest $n referenced, 0 when none
};

// The non-empty statements of a script, in order (comment-only pieces dropped).
std::vector<SqlStatement> split_sql(std::string_view script);

// The parameters one statement of a script is sent: the first max_parameter of those
// given to the whole script (the server refuses more than a statement references).
std::vector<Value> params_of(const SqlStatement& statement, const std::vector<Value>& params);

class Connection;

// Warehouse::execute for both libpq engines: a script without parameters in one call
// (the simple protocol), one with them statement by statement. Returns the rows changed.
std::int64_t execute_script(Connection& conn, std::string_view sql,
                            const std::vector<Value>& params);

// Warehouse::query for both libpq engines: one statement (`engine` names the engine in
// the error for more).
Table query_statement(Connection& conn, std::string_view engine, std::string_view sql,
                      const std::vector<Value>& params);

}  // namespace sparkify::pg
