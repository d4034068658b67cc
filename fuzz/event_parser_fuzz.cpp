// Fuzz target: the event-log parser (JSON lines), which also parses the body
// of POST /v1/events. Properties: no crash or sanitizer report; every record's
// text is storable, its id is 64 hex digits and its time parts are in range;
// every reject names its object and carries storable raw text; parsing the
// object in line-aligned parts (as the loader does with large logs) gives the
// same records and rejects, line for line.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "fuzz/fuzz_check.hpp"
#include "parse/event_parser.hpp"

namespace {

void check_text(const std::optional<std::string>& s) {
  if (s)
    FUZZ_CHECK(sparkify::fuzz::storable(*s));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static sparkify::EventLogParser parser;  // reused, as a worker thread does
  static sparkify::EventLogParser part_parser;
  const std::string_view content(reinterpret_cast<const char*>(data), size);
  const std::string key = "fuzz/events.json";
  const auto parsed = parser.parse(content, key);
  for (const auto& e : parsed.records) {
    FUZZ_CHECK(e.event_id.size() == 64);
    FUZZ_CHECK(e.event_id.find_first_not_of("0123456789abcdef") == std::string::npos);
    FUZZ_CHECK(sparkify::fuzz::storable(e.page));
    for (const auto* s : {&e.artist, &e.auth, &e.first_name, &e.gender, &e.last_name, &e.level,
                          &e.location, &e.method, &e.song, &e.user_agent}) {
      check_text(*s);
    }
    FUZZ_CHECK(e.time.hour >= 0 && e.time.hour <= 23);
    FUZZ_CHECK(e.time.weekday >= 0 && e.time.weekday <= 6);
    FUZZ_CHECK(e.time.week >= 1 && e.time.week <= 53);
    FUZZ_CHECK(e.line_number >= 1);
  }
  for (const auto& r : parsed.rejects) {
    FUZZ_CHECK(r.source_key == key);
    FUZZ_CHECK(!r.reason.empty());
    FUZZ_CHECK(sparkify::fuzz::storable(r.raw));
    FUZZ_CHECK(sparkify::fuzz::storable(r.reason));
  }

  // The same object in parts of 1 to 64 bytes (chosen by the input's size).
  std::vector<std::pair<std::string, std::int64_t>> whole_records, part_records;
  std::vector<std::pair<std::int64_t, std::string>> whole_rejects, part_rejects;
  for (const auto& e : parsed.records)
    whole_records.emplace_back(e.event_id, e.line_number);
  for (const auto& r : parsed.rejects)
    whole_rejects.emplace_back(r.line_number, r.reason);
  for (const auto& part : sparkify::split_json_lines(content, 1 + size % 64)) {
    const auto piece = part_parser.parse_part(part, key);
    for (const auto& e : piece.records)
      part_records.emplace_back(e.event_id, e.line_number);
    for (const auto& r : piece.rejects)
      part_rejects.emplace_back(r.line_number, r.reason);
  }
  if (part_records.empty() && part_rejects.empty())
    part_rejects.emplace_back(0, "empty object");
  FUZZ_CHECK(part_records == whole_records);
  FUZZ_CHECK(part_rejects == whole_rejects);
  return 0;
}
