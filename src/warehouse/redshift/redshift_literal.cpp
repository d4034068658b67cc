#include "warehouse/redshift/redshift_literal.hpp"

#include <fmt/format.h>

#include <cmath>

#include "core/utf8.hpp"
#include "warehouse/warehouse.hpp"

namespace sparkify::redshift {
namespace {

void append_text(std::string& out, std::string_view text) {
  if (text.find('\0') != std::string_view::npos)
    throw WarehouseError("redshift: text with a NUL byte cannot be stored");
  if (!is_valid_utf8(text))
    throw WarehouseError("redshift: text that is not valid UTF-8 cannot be stored");
  out.reserve(out.size() + text.size() + 2);
  out.push_back('\'');
  for (char c : text) {
    if (c == '\'' || c == '\\')
      out.push_back(c);
    out.push_back(c);
  }
  out.push_back('\'');
}

}  // namespace

std::string text_literal(std::string_view text) {
  std::string out;
  append_text(out, text);
  return out;
}

void append_literal(std::string& out, const Value& value) {
  if (std::holds_alternative<std::monostate>(value)) {
    out.append("NULL");
  } else if (const auto* i = std::get_if<std::int64_t>(&value)) {
    fmt::format_to(std::back_inserter(out), "{}", *i);
  } else if (const auto* d = std::get_if<double>(&value)) {
    if (!std::isfinite(*d))
      throw WarehouseError("redshift: NaN and infinities are not stored");
    // Shortest digits that read back as the same double, e.g. 218.93179 or 1e+20.
    fmt::format_to(std::back_inserter(out), "{}", *d);
  } else {
    append_text(out, std::get<std::string>(value));
  }
}

std::string literal(const Value& value) {
  std::string out;
  append_literal(out, value);
  return out;
}

}  // namespace sparkify::redshift
