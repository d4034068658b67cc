#include "parse/event_parser.hpp"

#include <algorithm>
#include <charconv>
#include <optional>
#include <type_traits>
#include <vector>

#include "enrich/event_id.hpp"
#include "enrich/time_parts.hpp"
#include "parse/json_fields.hpp"
#include "parse/json_lines.hpp"

namespace sparkify {
namespace {

// Reads userId: "" (logged out) or decimal digits; an integer is accepted too.
// raw receives the text the event id is computed from.
bool read_user_id(ObjectReader& reader, std::optional<std::int64_t>& out, std::string& raw) {
  out.reset();
  raw.clear();
  const auto element = reader.find("userId");
  if (!element)
    return true;  // null or missing: logged out
  if (element->is_int64()) {
    out = element->get_int64().value_unsafe();
    raw = std::to_string(*out);
    return true;
  }
  std::string_view text;
  if (element->get(text) != simdjson::SUCCESS) {
    return reader.fail("userId", "expected a string of digits, found " +
                                     std::string(describe_json_type(element->type())));
  }
  if (text.empty())
    return true;
  std::int64_t value = 0;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || ptr != text.data() + text.size() || text.front() == '-') {
    return reader.fail("userId", "expected a string of digits");
  }
  out = value;
  raw = std::string(text);
  return true;
}

// Reads one of the log's fields into its member, by the member's type: a plain
// member is required (missing or null is an error), an optional one may be absent.
bool read_field(ObjectReader& reader, std::string_view key, std::string& out,
                std::size_t max_bytes) {
  return reader.required_string(key, out, max_bytes);
}
bool read_field(ObjectReader& reader, std::string_view key, std::optional<std::string>& out,
                std::size_t max_bytes) {
  return reader.optional_string(key, out, max_bytes);
}
bool read_field(ObjectReader& reader, std::string_view key, std::int64_t& out) {
  return reader.required_int(key, out);
}
bool read_field(ObjectReader& reader, std::string_view key, std::optional<std::int64_t>& out) {
  return reader.optional_int(key, out);
}
bool read_field(ObjectReader& reader, std::string_view key, std::optional<double>& out) {
  return reader.optional_double(key, out);
}

template <typename T>
constexpr bool kIsOptional = false;
template <typename T>
constexpr bool kIsOptional<std::optional<T>> = true;

// The log's fields (visit_log_fields) into the event: the required ones first, then
// userId, then the optional ones, each group in the order of the columns. A line that
// lacks a required field is rejected for the first it lacks whatever else is wrong
// with it, as the Redshift COPY's checks reject it (copy/invalid_rejects.sql).
// keys: each field's name in the log, in visit order.
bool read_log_fields(ObjectReader& reader, const std::vector<std::string>& keys, EventRecord& event,
                     std::string& raw_user_id) {
  bool ok = true;
  const auto read = [&](bool optional_pass) {
    std::size_t i = 0;
    visit_log_fields(event, [&](std::string_view /*column*/, auto& field, auto... max_bytes) {
      const std::string& key = keys[i++];
      if (ok && kIsOptional<std::decay_t<decltype(field)>> == optional_pass)
        ok = read_field(reader, key, field, max_bytes...);
    });
  };
  read(false);
  ok = ok && read_user_id(reader, event.user_id, raw_user_id);
  read(true);
  return ok;
}

}  // namespace

bool EventLogParser::parse_line(std::string_view line, const std::string& source_key,
                                std::int64_t line_number, EventRecord& event, Reject& reject) {
  simdjson::dom::element root;
  const auto error = parser_.parse(buffer_.assign(line)).get(root);
  if (error != simdjson::SUCCESS) {
    reject = make_reject(source_key, line_number, "", parse_error_reason(error), line);
    return false;
  }
  simdjson::dom::object object;
  if (root.get(object) != simdjson::SUCCESS) {
    reject = make_reject(
        source_key, line_number, "",
        "expected a JSON object, found " + std::string(describe_json_type(root.type())), line);
    return false;
  }
  ObjectReader r(object);
  std::string raw_user_id;
  const bool ok = read_log_fields(r, field_keys_, event, raw_user_id);
  if (ok && (event.ts < kMinTs || event.ts > kMaxTs)) {
    r.fail("ts", "out of range (milliseconds between 1970 and 9999 expected)");
  }
  if (ok && event.page == "NextSong") {
    // A play must say who played what, for how long.
    if (!event.artist)
      r.fail("artist", "is missing or null in a NextSong event");
    else if (!event.song)
      r.fail("song", "is missing or null in a NextSong event");
    else if (!event.length)
      r.fail("length", "is missing or null in a NextSong event");
    else if (!event.user_id)
      r.fail("userId", "is empty in a NextSong event");
  }
  if (r.error()) {
    reject = make_reject(source_key, line_number, r.error()->field, r.error()->reason, line);
    return false;
  }
  event.event_id = make_event_id(raw_user_id, event.session_id, event.item_in_session, event.ts);
  event.time = time_parts(event.ts);
  event.source_key = source_key;
  event.line_number = line_number;
  return true;
}

EventLogParser::EventLogParser() {
  EventRecord event;
  visit_log_fields(event,
                   [this](std::string_view column, const auto& /*field*/, auto... /*bytes*/) {
                     field_keys_.push_back(log_field_name(column));
                   });
}

Parsed<EventRecord> EventLogParser::parse(std::string_view content, const std::string& source_key) {
  Parsed<EventRecord> out = parse_part(JsonLinesPart{content, 1, true}, source_key);
  if (out.records.empty() && out.rejects.empty())
    out.rejects.push_back(make_empty_object_reject(source_key, content));
  return out;
}

Parsed<EventRecord> EventLogParser::parse_part(JsonLinesPart part, const std::string& source_key) {
  Parsed<EventRecord> out;
  // One record per line, as a rule: sized once rather than grown by doubling. Capped at a
  // record per 200 bytes (the sample's shortest line has 282, the mean is 467), so that a
  // body of blank or tiny lines does not reserve a 650-byte record per byte it holds.
  const auto lines = static_cast<std::size_t>(std::count(part.text.begin(), part.text.end(), '\n'));
  out.records.reserve(std::min(lines, part.text.size() / 200) + 1);
  for_each_json_line(part, [&](std::int64_t line_number, std::string_view line) {
    EventRecord event;
    Reject reject;
    if (parse_line(line, source_key, line_number, event, reject)) {
      out.records.push_back(std::move(event));
    } else {
      out.rejects.push_back(std::move(reject));
    }
  });
  return out;
}

}  // namespace sparkify
