// A small in-memory result table: what queries return and reports print.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace sparkify {

// A SQL value as it leaves any engine: NULL, integer, real or text.
using Value = std::variant<std::monostate, std::int64_t, double, std::string>;

struct Table {
  std::vector<std::string> columns;
  std::vector<std::vector<Value>> rows;
};

inline bool is_null(const Value& v) {
  return std::holds_alternative<std::monostate>(v);
}

// Renders a value the way every engine agrees on: integers as digits, reals with
// up to 15 significant digits, text as is, NULL as the empty optional.
std::optional<std::string> to_text(const Value& v);

// Reads a value as an integer (integers, integral reals, decimal text); throws otherwise.
std::int64_t to_int(const Value& v);

}  // namespace sparkify
