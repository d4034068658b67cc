#include "parse/json_fields.hpp"

#include <cmath>
#include <limits>

namespace sparkify {

std::string_view describe_json_type(simdjson::dom::element_type type) {
  using T = simdjson::dom::element_type;
  switch (type) {
    case T::ARRAY:
      return "an array";
    case T::OBJECT:
      return "an object";
    case T::INT64:
    case T::UINT64:
      return "an integer";
    case T::DOUBLE:
      return "a number";
    case T::STRING:
      return "a string";
    case T::BOOL:
      return "a boolean";
    case T::NULL_VALUE:
      return "null";
  }
  return "an unknown value";
}

std::string parse_error_reason(simdjson::error_code error) {
  if (error == simdjson::UTF8_ERROR)
    return "invalid UTF-8";
  return std::string("malformed JSON: ") + simdjson::error_message(error);
}

std::optional<simdjson::dom::element> ObjectReader::find(std::string_view key) const {
  simdjson::dom::element element;
  if (object_.at_key(key).get(element) != simdjson::SUCCESS)
    return std::nullopt;
  if (element.is_null())
    return std::nullopt;
  return element;
}

bool ObjectReader::fail(std::string_view key, std::string reason) {
  if (!error_)
    error_ = FieldError{std::string(key), std::move(reason)};
  return false;
}

bool ObjectReader::optional_string(std::string_view key, std::optional<std::string>& out,
                                   std::size_t max_bytes) {
  const auto element = find(key);
  if (!element) {
    out.reset();
    return true;
  }
  std::string_view text;
  if (element->get(text) != simdjson::SUCCESS) {
    return fail(key,
                "expected a string, found " + std::string(describe_json_type(element->type())));
  }
  if (text.find('\0') != std::string_view::npos)
    return fail(key, "contains a NUL character");
  if (text.size() > max_bytes) {
    return fail(key, "longer than " + std::to_string(max_bytes) + " bytes");
  }
  out.emplace(text);
  return true;
}

bool ObjectReader::required_string(std::string_view key, std::string& out, std::size_t max_bytes) {
  std::optional<std::string> value;
  if (!optional_string(key, value, max_bytes))
    return false;
  if (!value)
    return fail(key, "is missing or null");
  out = std::move(*value);
  return true;
}

bool ObjectReader::optional_int(std::string_view key, std::optional<std::int64_t>& out) {
  const auto element = find(key);
  out.reset();
  if (!element)
    return true;
  switch (element->type()) {
    case simdjson::dom::element_type::INT64:
      out = element->get_int64().value_unsafe();
      return true;
    case simdjson::dom::element_type::UINT64:
      return fail(key, "integer out of range");
    case simdjson::dom::element_type::DOUBLE: {
      // Integral numbers written with a fraction (1541107053796.0) are accepted.
      const double d = element->get_double().value_unsafe();
      if (std::floor(d) != d)
        return fail(key, "expected an integer, found a fraction");
      if (d < -9.2e18 || d > 9.2e18)
        return fail(key, "integer out of range");
      out = static_cast<std::int64_t>(d);
      return true;
    }
    default:
      return fail(key,
                  "expected an integer, found " + std::string(describe_json_type(element->type())));
  }
}

bool ObjectReader::required_int(std::string_view key, std::int64_t& out) {
  std::optional<std::int64_t> value;
  if (!optional_int(key, value))
    return false;
  if (!value)
    return fail(key, "is missing or null");
  out = *value;
  return true;
}

bool ObjectReader::optional_double(std::string_view key, std::optional<double>& out) {
  const auto element = find(key);
  out.reset();
  if (!element)
    return true;
  double d = 0;
  if (element->get(d) != simdjson::SUCCESS) {
    return fail(key,
                "expected a number, found " + std::string(describe_json_type(element->type())));
  }
  out = d;
  return true;
}

}  // namespace sparkify
