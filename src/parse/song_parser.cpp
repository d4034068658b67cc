#include "parse/song_parser.hpp"

#include "parse/json_fields.hpp"
#include "parse/json_lines.hpp"

namespace sparkify {
namespace {

bool read_song(simdjson::dom::object object, SongRecord& song, FieldError& error) {
  ObjectReader r(object);
  const bool ok = r.required_string("song_id", song.song_id, kMaxCodeBytes) &&
                  r.required_string("title", song.title, kMaxKeyTextBytes) &&
                  r.required_string("artist_id", song.artist_id, kMaxCodeBytes) &&
                  r.optional_int("num_songs", song.num_songs) &&
                  r.optional_string("artist_name", song.artist_name, kMaxKeyTextBytes) &&
                  r.optional_string("artist_location", song.artist_location, kMaxKeyTextBytes) &&
                  r.optional_double("artist_latitude", song.artist_latitude) &&
                  r.optional_double("artist_longitude", song.artist_longitude) &&
                  r.optional_double("duration", song.duration) && r.optional_int("year", song.year);
  if (ok && song.song_id.empty())
    r.fail("song_id", "is empty");
  if (ok && song.artist_id.empty())
    r.fail("artist_id", "is empty");
  if (r.error()) {
    error = *r.error();
    return false;
  }
  return true;
}

}  // namespace

void SongParser::parse_document(std::string_view text, const std::string& source_key,
                                std::int64_t line_number, Parsed<SongRecord>& out) {
  simdjson::dom::element root;
  const auto error = parser_.parse(buffer_.assign(text)).get(root);
  add_document(error, root, text, source_key, line_number, out);
}

void SongParser::add_document(simdjson::error_code error, simdjson::dom::element root,
                              std::string_view text, const std::string& source_key,
                              std::int64_t line_number, Parsed<SongRecord>& out) {
  if (error != simdjson::SUCCESS) {
    out.rejects.push_back(
        make_reject(source_key, line_number, "", parse_error_reason(error), text));
    return;
  }
  simdjson::dom::object object;
  if (root.get(object) != simdjson::SUCCESS) {
    out.rejects.push_back(make_reject(
        source_key, line_number, "",
        "expected a JSON object, found " + std::string(describe_json_type(root.type())), text));
    return;
  }
  SongRecord song;
  FieldError field_error;
  if (!read_song(object, song, field_error)) {
    out.rejects.push_back(
        make_reject(source_key, line_number, field_error.field, field_error.reason, text));
    return;
  }
  song.source_key = source_key;
  song.line_number = line_number;
  out.records.push_back(std::move(song));
}

bool SongParser::first_line_is_a_document(std::string_view text) {
  std::string_view first;
  for_each_json_line(text, [&](std::int64_t, std::string_view line) {
    if (first.empty())
      first = line;
  });
  simdjson::dom::element root;
  return !first.empty() && first.size() < text.size() &&
         parser_.parse(buffer_.assign(first)).get(root) == simdjson::SUCCESS && root.is_object();
}

Parsed<SongRecord> SongParser::parse(std::string_view content, const std::string& source_key) {
  Parsed<SongRecord> out;
  std::string_view text = content;
  if (text.starts_with("\xEF\xBB\xBF"))
    text.remove_prefix(3);
  if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    out.rejects.push_back(make_empty_object_reject(source_key, content));
    return out;
  }
  // The usual case: the whole file is one JSON document (possibly pretty-printed).
  simdjson::dom::element root;
  const auto error = parser_.parse(buffer_.assign(text)).get(root);
  if (error == simdjson::SUCCESS || !first_line_is_a_document(text)) {
    add_document(error, root, text, source_key, 1, out);
    return out;
  }
  // JSON lines, one song per line: each line is its own record or reject.
  for_each_json_line(text, [&](std::int64_t line_number, std::string_view line) {
    parse_document(line, source_key, line_number, out);
  });
  return out;
}

}  // namespace sparkify
