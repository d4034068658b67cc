// Typed reading of one JSON object's fields, with the reason when a field is
// missing or of the wrong type. A bad record is expected input, so failures are
// values (FieldError), not exceptions.
#pragma once

#include <simdjson.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/records.hpp"

namespace sparkify {

struct FieldError {
  std::string field;
  std::string reason;
};

class ObjectReader {
 public:
  explicit ObjectReader(simdjson::dom::object object) : object_(object) {}

  // Each reader returns false and records the first error when the field is
  // present with the wrong type (or, for required ones, missing or null).
  // Strings longer than max_bytes are an error ("longer than N bytes").
  bool optional_string(std::string_view key, std::optional<std::string>& out,
                       std::size_t max_bytes = kMaxTextBytes);
  bool required_string(std::string_view key, std::string& out,
                       std::size_t max_bytes = kMaxTextBytes);
  bool optional_int(std::string_view key, std::optional<std::int64_t>& out);
  bool required_int(std::string_view key, std::int64_t& out);
  bool optional_double(std::string_view key, std::optional<double>& out);

  // The raw element of a field, if present and not null.
  std::optional<simdjson::dom::element> find(std::string_view key) const;

  bool fail(std::string_view key, std::string reason);
  const std::optional<FieldError>& error() const { return error_; }

 private:
  simdjson::dom::object object_;
  std::optional<FieldError> error_;
};

// "an array", "a string", ... for messages.
std::string_view describe_json_type(simdjson::dom::element_type type);

// Why a line is not a JSON document: "invalid UTF-8" or "malformed JSON: <simdjson's reason>".
std::string parse_error_reason(simdjson::error_code error);

}  // namespace sparkify
