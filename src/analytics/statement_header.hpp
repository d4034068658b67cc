// The header comment of a named SQL statement (checks and queries): what the
// C++ reads to describe and bind it, the same on every engine.
//
//   -- description: One line shown by `sparkify query --list`.
//   -- param: artist text
//   -- param: limit integer 10
//
// Parameters are bound positionally (?1, ?2, ... / $1, $2, ...) in the order of
// their `param:` lines; a value after the type is the default.
#pragma once

#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "core/table.hpp"

namespace sparkify::analytics {

enum class ParamType { text, integer, real };

struct ParamSpec {
  std::string name;
  ParamType type = ParamType::text;
  std::optional<std::string> default_value;
};

struct StatementHeader {
  std::string description;
  std::vector<ParamSpec> params;
};

// A parameter that is missing, unknown or not of its type.
class ParamError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

// Reads the leading `--` comment lines of `sql`. Throws std::invalid_argument
// on a malformed `param:` line (a bug in the statement file, caught by tests).
StatementHeader parse_statement_header(std::string_view sql);

// The positional values of `header`'s parameters from name=value text (the
// command line), converted to their types; defaults fill what is not given.
// Throws ParamError naming the parameter.
std::vector<Value> bind_params(const StatementHeader& header,
                               const std::map<std::string, std::string>& given);

// The same from values the program already has (no conversion from text).
std::vector<Value> bind_params(const StatementHeader& header,
                               const std::map<std::string, Value>& given);

std::string_view to_string(ParamType type);

}  // namespace sparkify::analytics
