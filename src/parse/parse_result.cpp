#include "parse/parse_result.hpp"

#include "core/utf8.hpp"

namespace sparkify {

Reject make_reject(const std::string& source_key, std::int64_t line_number, std::string field,
                   std::string reason, std::string_view raw) {
  return Reject{source_key, line_number, std::move(field), std::move(reason),
                sanitize_utf8(truncate_utf8(raw, kMaxRawRejectBytes))};
}

Reject make_empty_object_reject(const std::string& source_key, std::string_view content) {
  return make_reject(source_key, 0, "", "empty object", content);
}

}  // namespace sparkify
