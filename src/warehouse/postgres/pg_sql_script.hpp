// Splits SQL text into statements, for running a multi-statement .sql file with
// parameters (the extended protocol takes one statement at a time). Understands
// '...' strings, "..." identifiers, -- and /* */ comments and $tag$...$tag$
// bodies, so a ';' or "$1" inside them is not taken for syntax.
#pragma once

#include <string_view>
#include <vector>

namespace sparkify::pg {

struct SqlStatement {
  std::string_view text;  // without the terminating ';'
  int max_parameter = 0;  // highest $n referenced, 0 when none
};

// The non-empty statements of a script, in order (comment-only pieces dropped).
std::vector<SqlStatement> split_sql(std::string_view script);

}  // namespace sparkify::pg
