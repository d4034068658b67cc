// Splits SQL text into statements, for running a multi-statement .sql file with
// parameters (the extended protocol takes one statement at a time). Understands
// '...' strings, "..." identifiers, -- and /* */ comments and $tag$...$tag$
// bodies, so a ';' or "$1" inside them is not taken for syntax.
#pragma once

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

}  // namespace sparkify::pg
