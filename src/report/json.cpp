#include "report/json.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <set>
#include <vector>

#include "core/json_string.hpp"

namespace sparkify::report {

std::string render_json(const Table& table, const JsonOptions& options) {
  // Unique keys, in column order.
  std::vector<std::string> keys;
  const std::set<std::string> names(table.columns.begin(), table.columns.end());
  std::set<std::string> taken;
  for (const auto& column : table.columns) {
    std::string key = column;
    int n = 1;
    // A suffixed key must not clash with another column's own name either.
    while (taken.count(key) > 0 || (n > 1 && names.count(key) > 0)) {
      key = fmt::format("{}_{}", column, ++n);
    }
    taken.insert(key);
    std::string quoted;
    append_json_string(quoted, key, {.ascii_only = options.ascii_only});
    keys.push_back(std::move(quoted));
  }
  std::string out = "[";
  for (std::size_t r = 0; r < table.rows.size(); ++r) {
    const auto& row = table.rows[r];
    out += r == 0 ? "\n  {" : ",\n  {";
    for (std::size_t c = 0; c < keys.size(); ++c) {
      if (c > 0)
        out += ',';
      out += keys[c];
      out += ':';
      const Value& v = c < row.size() ? row[c] : Value{};
      if (const auto* i = std::get_if<std::int64_t>(&v)) {
        out += std::to_string(*i);
      } else if (const auto* d = std::get_if<double>(&v)) {
        out += std::isfinite(*d) ? *to_text(v) : "null";
      } else if (const auto* s = std::get_if<std::string>(&v)) {
        append_json_string(out, *s, {.ascii_only = options.ascii_only});
      } else {
        out += "null";
      }
    }
    out += '}';
  }
  out += table.rows.empty() ? "]\n" : "\n]\n";
  return out;
}

}  // namespace sparkify::report
