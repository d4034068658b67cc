#include "warehouse/libpq/pg_sql_script.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "warehouse/libpq/pg_connection.hpp"
#include "warehouse/warehouse.hpp"

namespace sparkify::pg {
namespace {

bool is_ident(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_';
}

}  // namespace

std::vector<SqlStatement> split_sql(std::string_view s) {
  std::vector<SqlStatement> out;
  std::size_t start = 0;
  int max_parameter = 0;
  bool has_code = false;  // anything but white space and comments since start
  auto finish = [&](std::size_t end) {
    if (has_code)
      out.push_back(SqlStatement{s.substr(start, end - start), max_parameter});
    start = end + 1;
    max_parameter = 0;
    has_code = false;
  };
  std::size_t i = 0;
  while (i < s.size()) {
    const char c = s[i];
    if (c == '-' && i + 1 < s.size() && s[i + 1] == '-') {
      while (i < s.size() && s[i] != '\n')
        ++i;
      continue;
    }
    if (c == '/' && i + 1 < s.size() && s[i + 1] == '*') {
      const auto end = s.find("*/", i + 2);
      i = end == std::string_view::npos ? s.size() : end + 2;
      continue;
    }
    if (std::isspace(static_cast<unsigned char>(c)) != 0) {
      ++i;
      continue;
    }
    if (c == ';') {
      finish(i);
      ++i;
      continue;
    }
    has_code = true;
    if (c == '\'' || c == '"') {
      // '' and "" inside are escaped quotes: the loop simply re-enters.
      const auto end = s.find(c, i + 1);
      i = end == std::string_view::npos ? s.size() : end + 1;
      continue;
    }
    if (c == '$') {
      std::size_t j = i + 1;
      if (j < s.size() && std::isdigit(static_cast<unsigned char>(s[j])) != 0) {
        int n = 0;
        while (j < s.size() && std::isdigit(static_cast<unsigned char>(s[j])) != 0) {
          n = n * 10 + (s[j] - '0');
          ++j;
        }
        if (n > max_parameter)
          max_parameter = n;
        i = j;
        continue;
      }
      while (j < s.size() && is_ident(s[j]))
        ++j;
      if (j < s.size() && s[j] == '$' && (i == 0 || !is_ident(s[i - 1]))) {
        const auto tag = s.substr(i, j - i + 1);  // "$tag$" or "$$"
        const auto end = s.find(tag, j + 1);
        i = end == std::string_view::npos ? s.size() : end + tag.size();
        continue;
      }
    }
    ++i;
  }
  if (start < s.size())
    finish(s.size());
  return out;
}

std::vector<Value> params_of(const SqlStatement& statement, const std::vector<Value>& params) {
  const auto n =
      std::min(params.size(), static_cast<std::size_t>(std::max(statement.max_parameter, 0)));
  return {params.begin(), params.begin() + static_cast<std::ptrdiff_t>(n)};
}

std::int64_t execute_script(Connection& conn, std::string_view sql,
                            const std::vector<Value>& params) {
  if (params.empty())
    return conn.execute_script(sql);
  std::int64_t changed = 0;
  for (const auto& statement : split_sql(sql))
    changed += conn.execute_params(statement.text, params_of(statement, params)).rows_affected();
  return changed;
}

Table query_statement(Connection& conn, std::string_view engine, std::string_view sql,
                      const std::vector<Value>& params) {
  const auto statements = split_sql(sql);
  if (statements.size() != 1) {
    throw WarehouseError(
        fmt::format("{}: a query must be one statement, not {}", engine, statements.size()));
  }
  return conn.query(statements[0].text, params_of(statements[0], params));
}

}  // namespace sparkify::pg
