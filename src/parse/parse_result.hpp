// What parsing one object yields: the good records and the rejects.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/records.hpp"

namespace sparkify {

template <typename Record>
struct Parsed {
  std::vector<Record> records;
  std::vector<Reject> rejects;
};

// A reject whose raw text is truncated and made storable (valid UTF-8, no NUL).
Reject make_reject(const std::string& source_key, std::int64_t line_number, std::string field,
                   std::string reason, std::string_view raw);

// The reject of an object with nothing in it (no line, or only blank ones): line 0.
Reject make_empty_object_reject(const std::string& source_key, std::string_view content);

}  // namespace sparkify
