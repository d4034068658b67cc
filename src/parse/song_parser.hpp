// Parses song files (Million Song Dataset metadata, one JSON object per file)
// into validated song records. A file of JSON lines holding one song per line
// (what POST /v1/songs accepts) is parsed line by line.
#pragma once

#include <simdjson.h>

#include <string>
#include <string_view>

#include "core/records.hpp"
#include "parse/padded_buffer.hpp"
#include "parse/parse_result.hpp"

namespace sparkify {

// One parser per thread; it reuses its buffers across calls.
class SongParser {
 public:
  Parsed<SongRecord> parse(std::string_view content, const std::string& source_key);

 private:
  void parse_document(std::string_view text, const std::string& source_key,
                      std::int64_t line_number, Parsed<SongRecord>& out);
  void add_document(simdjson::error_code error, simdjson::dom::element root, std::string_view text,
                    const std::string& source_key, std::int64_t line_number,
                    Parsed<SongRecord>& out);
  bool first_line_is_a_document(std::string_view text);

  simdjson::dom::parser parser_;
  PaddedBuffer buffer_;
};

}  // namespace sparkify
