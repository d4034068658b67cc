// The typed records that flow from parsing to staging, and the rejects that
// record why a piece of input could not become one.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sparkify {

// One song file of the Million Song Dataset, as staged in s_song.
struct SongRecord {
  std::string song_id;
  std::optional<std::int64_t> num_songs;
  std::string title;
  std::string artist_id;
  std::optional<std::string> artist_name;
  std::optional<std::string> artist_location;
  std::optional<double> artist_latitude;
  std::optional<double> artist_longitude;
  std::optional<double> duration;
  std::optional<std::int64_t> year;  // 0 in the raw data means unknown; kept as given
  // Where the record came from.
  std::string source_key;
  std::int64_t line_number = 1;
};

// UTC calendar parts of a play's start time, derived from the event's ts.
struct TimeParts {
  std::string start_time;  // "YYYY-MM-DD HH:MM:SS.mmm", UTC
  int hour = 0;
  int day = 0;
  int week = 0;  // ISO 8601 week number
  int month = 0;
  int year = 0;     // calendar year (not the ISO week-year)
  int weekday = 0;  // 0 = Monday ... 6 = Sunday
};

// One line of a song-play event log, as staged in s_songplay_event.
struct EventRecord {
  std::string event_id;  // hex SHA-256 of the identifying fields, see enrich/event_id.hpp
  std::optional<std::string> artist;
  std::optional<std::string> auth;
  std::optional<std::string> first_name;
  std::optional<std::string> gender;
  std::int64_t item_in_session = 0;
  std::optional<std::string> last_name;
  std::optional<double> length;
  std::optional<std::string> level;
  std::optional<std::string> location;
  std::optional<std::string> method;
  std::string page;
  std::optional<double> registration;
  std::int64_t session_id = 0;
  std::optional<std::string> song;
  std::optional<std::int64_t> status;
  std::int64_t ts = 0;  // milliseconds since the Unix epoch, UTC
  std::optional<std::string> user_agent;
  std::optional<std::int64_t> user_id;  // empty string in the raw data means logged out
  TimeParts time;
  // Where the record came from.
  std::string source_key;
  std::int64_t line_number = 0;
};

// A piece of input that could not become a record: modelled on Redshift's
// stl_load_errors. Rejects are expected, so they are values, not exceptions.
struct Reject {
  std::string source_key;
  std::int64_t line_number = 0;  // 1-based; 0 when the whole object is rejected
  std::string field;             // empty when the reason is not about one field
  std::string reason;
  std::string raw;  // the offending text, truncated to kMaxRawRejectBytes
};

inline constexpr std::size_t kMaxRawRejectBytes = 4096;

// Every text field has a byte limit, the size of its VARCHAR column in Redshift (whose
// lengths count bytes and refuse longer text: one long value would fail the whole
// multi-row INSERT, and the batch on every rerun). Longer text is a reject naming the
// field on every engine, so the three engines keep the same rows, and Redshift's
// columns are no wider than their data (wide VARCHARs cost memory in every query).
//
// Free text (a user agent): 2 KiB, ten times a browser's.
inline constexpr std::size_t kMaxTextBytes = 2048;
// Fields that identify or match records (titles, artist names, song names) and places
// (locations): 1 KiB. The first are indexed on every engine, and a PostgreSQL B-tree
// entry holds at most about 2.7 kB; a longer value there failed the whole batch.
inline constexpr std::size_t kMaxKeyTextBytes = 1024;
// The short codes of an event (page, auth, level, method, gender), a user's first and
// last names and a song's ids: 256 bytes.
inline constexpr std::size_t kMaxCodeBytes = 256;

// The fields of an event log line as the record keeps them, each named by its column,
// in the order of the staged columns (warehouse/staging_row.hpp): visit(column, member,
// max_bytes) for text, visit(column, member) for a number. The log names a field as its
// column in camelCase (log_field_name). The parser reads each field by its member's
// type (parse/event_parser.cpp), a staging writer writes it, Redshift's COPY loads it.
// userId is not among them: the log writes it as text or as a number, and the event's
// id is computed from the text.
template <typename Event, typename Visit>
void visit_log_fields(Event& e, Visit&& visit) {
  visit("artist", e.artist, kMaxKeyTextBytes);
  visit("auth", e.auth, kMaxCodeBytes);
  visit("first_name", e.first_name, kMaxCodeBytes);
  visit("gender", e.gender, kMaxCodeBytes);
  visit("item_in_session", e.item_in_session);
  visit("last_name", e.last_name, kMaxCodeBytes);
  visit("length", e.length);
  visit("level", e.level, kMaxCodeBytes);
  visit("location", e.location, kMaxKeyTextBytes);
  visit("method", e.method, kMaxCodeBytes);
  visit("page", e.page, kMaxCodeBytes);
  visit("registration", e.registration);
  visit("session_id", e.session_id);
  visit("song", e.song, kMaxKeyTextBytes);
  visit("status", e.status);
  visit("ts", e.ts);
  visit("user_agent", e.user_agent, kMaxTextBytes);
}

// A log column's field name in the log: its name in camelCase ("first_name": "firstName").
inline std::string log_field_name(std::string_view column) {
  std::string name;
  bool upper = false;
  for (const char c : column) {
    if (c == '_') {
      upper = true;
      continue;
    }
    name += upper && c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
    upper = false;
  }
  return name;
}

// One object read by a load, as recorded in the ledger (etl_object).
struct LoadedObject {
  std::string source_key;
  std::string version;
  std::string kind;  // "song" | "event"
  std::int64_t size_bytes = 0;
  std::int64_t records = 0;
  std::int64_t rejects = 0;
};

}  // namespace sparkify
