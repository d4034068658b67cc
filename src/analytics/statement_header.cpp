#include "analytics/statement_header.hpp"

#include <fmt/format.h>

#include <charconv>
#include <set>

#include "core/ascii_text.hpp"

namespace sparkify::analytics {
namespace {

ParamType parse_type(std::string_view word, std::string_view line) {
  if (word == "text")
    return ParamType::text;
  if (word == "integer")
    return ParamType::integer;
  if (word == "real")
    return ParamType::real;
  throw std::invalid_argument(fmt::format("bad parameter type in \"{}\"", line));
}

Value convert(const ParamSpec& spec, std::string_view text) {
  switch (spec.type) {
    case ParamType::text:
      return std::string(text);
    case ParamType::integer: {
      std::int64_t value = 0;
      const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
      if (text.empty() || ec != std::errc{} || ptr != text.data() + text.size()) {
        throw ParamError(
            fmt::format("parameter {} must be an integer, not \"{}\"", spec.name, text));
      }
      return value;
    }
    case ParamType::real: {
      double value = 0;
      const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
      if (text.empty() || ec != std::errc{} || ptr != text.data() + text.size()) {
        throw ParamError(fmt::format("parameter {} must be a number, not \"{}\"", spec.name, text));
      }
      return value;
    }
  }
  return std::monostate{};
}

template <typename Given>
void reject_unknown(const StatementHeader& header, const Given& given) {
  for (const auto& [name, value] : given) {
    bool known = false;
    for (const auto& p : header.params)
      known = known || p.name == name;
    if (!known) {
      std::string names;
      for (const auto& p : header.params)
        names += (names.empty() ? "" : ", ") + p.name;
      throw ParamError(fmt::format("unknown parameter {} (this statement takes: {})", name,
                                   names.empty() ? "none" : names));
    }
  }
}

}  // namespace

std::string_view to_string(ParamType type) {
  switch (type) {
    case ParamType::text:
      return "text";
    case ParamType::integer:
      return "integer";
    case ParamType::real:
      return "real";
  }
  return "text";
}

StatementHeader parse_statement_header(std::string_view sql) {
  StatementHeader header;
  std::set<std::string, std::less<>> seen;
  while (!sql.empty()) {
    const auto end = sql.find('\n');
    const std::string_view line = trim(sql.substr(0, end));
    sql = end == std::string_view::npos ? std::string_view{} : sql.substr(end + 1);
    if (line.empty())
      continue;
    if (!line.starts_with("--"))
      break;  // the statement itself
    const std::string_view body = trim(line.substr(2));
    if (body.starts_with("description:")) {
      header.description = std::string(trim(body.substr(12)));
    } else if (body.starts_with("param:")) {
      std::string_view rest = trim(body.substr(6));
      const auto space = rest.find(' ');
      if (space == std::string_view::npos) {
        throw std::invalid_argument(fmt::format("parameter without a type in \"{}\"", line));
      }
      ParamSpec spec;
      spec.name = std::string(rest.substr(0, space));
      rest = trim(rest.substr(space + 1));
      const auto type_end = rest.find(' ');
      spec.type = parse_type(rest.substr(0, type_end), line);
      if (type_end != std::string_view::npos) {
        spec.default_value = std::string(trim(rest.substr(type_end + 1)));
        convert(spec, *spec.default_value);  // a bad default is a bug in the file
      }
      if (!seen.insert(spec.name).second) {
        throw std::invalid_argument(fmt::format("parameter {} declared twice", spec.name));
      }
      header.params.push_back(std::move(spec));
    }
  }
  return header;
}

std::vector<Value> bind_params(const StatementHeader& header,
                               const std::map<std::string, std::string>& given) {
  reject_unknown(header, given);
  std::vector<Value> values;
  for (const auto& spec : header.params) {
    const auto it = given.find(spec.name);
    if (it != given.end()) {
      values.push_back(convert(spec, it->second));
    } else if (spec.default_value) {
      values.push_back(convert(spec, *spec.default_value));
    } else {
      throw ParamError(
          fmt::format("missing parameter: --param {}=VALUE ({})", spec.name, to_string(spec.type)));
    }
  }
  return values;
}

std::vector<Value> bind_params(const StatementHeader& header,
                               const std::map<std::string, Value>& given) {
  std::vector<Value> values;
  for (const auto& spec : header.params) {
    const auto it = given.find(spec.name);
    if (it != given.end()) {
      values.push_back(it->second);
    } else if (spec.default_value) {
      values.push_back(convert(spec, *spec.default_value));
    } else {
      throw ParamError(fmt::format("missing parameter {}", spec.name));
    }
  }
  return values;
}

}  // namespace sparkify::analytics
