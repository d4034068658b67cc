// Parses song-play event logs (JSON lines) into validated, enriched events.
#pragma once

#include <simdjson.h>

#include <string>
#include <string_view>
#include <vector>

#include "core/records.hpp"
#include "parse/json_lines.hpp"
#include "parse/padded_buffer.hpp"
#include "parse/parse_result.hpp"

namespace sparkify {

// One parser per thread; it reuses its buffers across calls.
class EventLogParser {
 public:
  EventLogParser();

  // Every line of content becomes an EventRecord or a Reject naming the line,
  // the field and the reason. Blank lines are skipped. An object without any
  // line at all is one reject ("empty object").
  Parsed<EventRecord> parse(std::string_view content, const std::string& source_key);

  // The same for a line-aligned part of an object (split_json_lines): lines keep
  // their numbers in the whole object; an empty part is no reject (the caller
  // knows whether the whole object was empty).
  Parsed<EventRecord> parse_part(JsonLinesPart part, const std::string& source_key);

  // Parses one line; on failure fills reject and returns false.
  bool parse_line(std::string_view line, const std::string& source_key, std::int64_t line_number,
                  EventRecord& event, Reject& reject);

 private:
  simdjson::dom::parser parser_;
  PaddedBuffer buffer_;
  std::vector<std::string> field_keys_;  // the log's name of each visit_log_fields field
};

}  // namespace sparkify
