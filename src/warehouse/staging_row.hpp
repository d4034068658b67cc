// The one column order of every record a staging writer sends: a song to s_song,
// an event to s_songplay_event, a reject to etl_reject, a loaded object to
// etl_object. An event's fields from the log are listed with the record, where the
// parser reads them too (core/records.hpp's visit_log_fields). Each writer walks a
// record with its own visitor (SQLite binds parameters, PostgreSQL writes COPY rows,
// Redshift builds VALUES rows). The column lists of PostgreSQL's COPYs and Redshift's
// multi-row INSERTs are made from these names (column_list), and the statements that
// insert a record (SQLite's staging/insert_*, ledger/record_object, the merges from
// the temporary tables) name them by a placeholder, {event_columns} and the like
// (column_placeholders.hpp).
//
// The visitor is called as visit(column_name, value) with value one of
// const std::string&, const std::optional<std::string>&,
// std::optional<std::string_view> (a view of the record's text), std::int64_t,
// const std::optional<std::int64_t>& or const std::optional<double>&.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/records.hpp"

namespace sparkify {

// What the batch adds to every row: its id, when it staged the row and, where the
// writer sets it on the row itself, whether the batch's transforms read it (1) or a
// later batch's will (0); a writer that merges through a temporary table sets the
// flag in the merge and leaves processed empty.
struct StagingStamp {
  std::int64_t batch_id = 0;
  const std::string& staged_at;
  std::optional<std::int64_t> processed;
};

template <typename Visit>
void visit_columns(const SongRecord& s, const StagingStamp& stamp, Visit&& visit) {
  visit("song_id", s.song_id);
  visit("num_songs", s.num_songs);
  visit("title", s.title);
  visit("artist_id", s.artist_id);
  visit("artist_name", s.artist_name);
  visit("artist_location", s.artist_location);
  visit("artist_latitude", s.artist_latitude);
  visit("artist_longitude", s.artist_longitude);
  visit("duration", s.duration);
  visit("year", s.year);
  visit("source_key", s.source_key);
  visit("line_number", s.line_number);
  visit("batch_id", stamp.batch_id);
  visit("staged_at", stamp.staged_at);
  if (stamp.processed)
    visit("processed", *stamp.processed);
}

template <typename Visit>
void visit_columns(const EventRecord& e, const StagingStamp& stamp, Visit&& visit) {
  visit("event_id", e.event_id);
  visit_log_fields(e, [&visit](std::string_view column, const auto& value, auto... /*bytes*/) {
    visit(column, value);
  });
  visit("user_id", e.user_id);
  visit("start_time", e.time.start_time);
  visit("hour", std::int64_t{e.time.hour});
  visit("day", std::int64_t{e.time.day});
  visit("week", std::int64_t{e.time.week});
  visit("month", std::int64_t{e.time.month});
  visit("year", std::int64_t{e.time.year});
  visit("weekday", std::int64_t{e.time.weekday});
  visit("source_key", e.source_key);
  visit("line_number", e.line_number);
  visit("batch_id", stamp.batch_id);
  visit("staged_at", stamp.staged_at);
  if (stamp.processed)
    visit("processed", *stamp.processed);
}

template <typename Visit>
void visit_columns(const Reject& r, const StagingStamp& stamp, Visit&& visit) {
  visit("batch_id", stamp.batch_id);
  visit("source_key", r.source_key);
  visit("line_number", r.line_number);
  visit("field", r.field.empty() ? std::nullopt : std::optional<std::string_view>(r.field));
  visit("reason", r.reason);
  visit("raw_text", r.raw);
  visit("rejected_at", stamp.staged_at);
}

template <typename Visit>
void visit_columns(const LoadedObject& o, const StagingStamp& stamp, Visit&& visit) {
  visit("source_key", o.source_key);
  visit("version", o.version);
  visit("kind", o.kind);
  visit("size_bytes", o.size_bytes);
  visit("batch_id", stamp.batch_id);
  visit("records", o.records);
  visit("rejects", o.rejects);
  visit("loaded_at", stamp.staged_at);
}

// A record kind's columns in their one order, with processed last when the writer
// sets the flag on the row itself.
template <typename Record>
std::vector<std::string> column_names(bool with_processed) {
  const std::string staged_at;
  const StagingStamp stamp{0, staged_at, with_processed ? std::optional(0) : std::nullopt};
  std::vector<std::string> names;
  visit_columns(Record{}, stamp, [&names](std::string_view column, const auto& /*value*/) {
    names.emplace_back(column);
  });
  return names;
}

// "song_id, num_songs, ...": column_names as a list.
template <typename Record>
std::string column_list(bool with_processed) {
  std::string list;
  for (const auto& column : column_names<Record>(with_processed)) {
    list += list.empty() ? "" : ", ";
    list += column;
  }
  return list;
}

// The event's columns that are the log's own fields, as the log has them: every column
// between event_id (computed from four of them) and start_time (computed from ts), in
// the event's order. Redshift's server-side COPY reads these straight from the logs
// ({event_log_columns}, redshift_copy.hpp's JSONPaths).
inline std::vector<std::string> event_log_columns() {
  std::vector<std::string> columns;
  bool in_log = false;
  const std::string staged_at;
  visit_columns(EventRecord{}, StagingStamp{0, staged_at, std::nullopt},
                [&](std::string_view column, const auto& /*value*/) {
                  if (column == "start_time")
                    in_log = false;
                  if (in_log)
                    columns.emplace_back(column);
                  if (column == "event_id")
                    in_log = true;
                });
  return columns;
}

}  // namespace sparkify
