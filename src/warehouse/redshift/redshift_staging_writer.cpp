#include "warehouse/redshift/redshift_staging_writer.hpp"

#include <fmt/format.h>

#include "warehouse/redshift/redshift_warehouse.hpp"

namespace sparkify {
namespace {

constexpr std::size_t kMaxVarchar = 65535;

Value opt(const std::optional<std::string>& v) {
  return v ? Value{*v} : Value{};
}
Value opt(const std::optional<std::int64_t>& v) {
  return v ? Value{*v} : Value{};
}
Value opt(const std::optional<double>& v) {
  return v ? Value{*v} : Value{};
}

}  // namespace

RedshiftStagingWriter::RedshiftStagingWriter(RedshiftWarehouse& warehouse, std::int64_t batch_id,
                                             std::string staged_at, std::size_t max_statement_bytes)
    : warehouse_(warehouse),
      batch_id_(batch_id),
      staged_at_(std::move(staged_at)),
      songs_(warehouse.statement("staging/values_songs"), max_statement_bytes,
             [this](const std::string& sql) { warehouse_.execute(sql); }),
      events_(warehouse.statement("staging/values_events"), max_statement_bytes,
              [this](const std::string& sql) { warehouse_.execute(sql); }),
      rejects_(warehouse.statement("staging/values_rejects"), max_statement_bytes,
               [this](const std::string& sql) { counts_.rejects += warehouse_.execute(sql); }),
      objects_(warehouse.statement("staging/values_objects"), max_statement_bytes,
               [this](const std::string& sql) { warehouse_.execute(sql); }) {
  warehouse_.execute(warehouse_.statement("staging/create_temp"));
  warehouse_.execute(warehouse_.statement("staging/clear_songs"));
  warehouse_.execute(warehouse_.statement("staging/clear_events"));
  warehouse_.execute(warehouse_.statement("staging/clear_objects"));
}

bool RedshiftStagingWriter::reject_if_too_long(
    const std::string& source_key, std::int64_t line,
    std::initializer_list<std::pair<const char*, const std::string*>> fields) {
  for (const auto& [name, text] : fields) {
    if (text != nullptr && text->size() > kMaxVarchar) {
      add(Reject{
          source_key, line, name,
          fmt::format("longer than {} bytes, the most a Redshift VARCHAR holds", kMaxVarchar), ""});
      return true;
    }
  }
  return false;
}

void RedshiftStagingWriter::add(const SongRecord& s) {
  const auto p = [](const std::optional<std::string>& v) { return v ? &*v : nullptr; };
  if (reject_if_too_long(s.source_key, s.line_number,
                         {{"song_id", &s.song_id},
                          {"title", &s.title},
                          {"artist_id", &s.artist_id},
                          {"artist_name", p(s.artist_name)},
                          {"artist_location", p(s.artist_location)}})) {
    return;
  }
  if (!song_ids_.insert(s.song_id).second) {
    flush_songs();
    song_ids_.insert(s.song_id);
  }
  songs_.add({s.song_id, opt(s.num_songs), s.title, s.artist_id, opt(s.artist_name),
              opt(s.artist_location), opt(s.artist_latitude), opt(s.artist_longitude),
              opt(s.duration), opt(s.year), s.source_key, s.line_number, batch_id_, staged_at_});
  ++songs_in_round_;
}

void RedshiftStagingWriter::add(const EventRecord& e) {
  const auto p = [](const std::optional<std::string>& v) { return v ? &*v : nullptr; };
  if (reject_if_too_long(e.source_key, e.line_number,
                         {{"artist", p(e.artist)},
                          {"firstName", p(e.first_name)},
                          {"lastName", p(e.last_name)},
                          {"location", p(e.location)},
                          {"song", p(e.song)},
                          {"userAgent", p(e.user_agent)},
                          {"page", &e.page}})) {
    return;
  }
  if (!event_ids_.insert(e.event_id).second) {
    flush_events();
    event_ids_.insert(e.event_id);
  }
  events_.add({e.event_id,
               opt(e.artist),
               opt(e.auth),
               opt(e.first_name),
               opt(e.gender),
               e.item_in_session,
               opt(e.last_name),
               opt(e.length),
               opt(e.level),
               opt(e.location),
               opt(e.method),
               e.page,
               opt(e.registration),
               e.session_id,
               opt(e.song),
               opt(e.status),
               e.ts,
               opt(e.user_agent),
               opt(e.user_id),
               e.time.start_time,
               std::int64_t{e.time.hour},
               std::int64_t{e.time.day},
               std::int64_t{e.time.week},
               std::int64_t{e.time.month},
               std::int64_t{e.time.year},
               std::int64_t{e.time.weekday},
               e.source_key,
               e.line_number,
               batch_id_,
               staged_at_});
  ++events_in_round_;
}

void RedshiftStagingWriter::add(const Reject& j) {
  rejects_.add({batch_id_, j.source_key, j.line_number, j.field.empty() ? Value{} : Value{j.field},
                j.reason, j.raw, staged_at_});
}

void RedshiftStagingWriter::add(const LoadedObject& o) {
  objects_.add(
      {o.source_key, o.version, o.kind, o.size_bytes, batch_id_, o.records, o.rejects, staged_at_});
  ++objects_in_round_;
}

void RedshiftStagingWriter::flush_songs() {
  songs_.flush();
  if (songs_in_round_ > 0) {
    warehouse_.execute(warehouse_.statement("staging/merge_songs_delete"));
    const auto staged = warehouse_.execute(warehouse_.statement("staging/merge_songs_insert"));
    warehouse_.execute(warehouse_.statement("staging/clear_songs"));
    counts_.songs_staged += staged;
    counts_.duplicates += songs_in_round_ - staged;
  }
  songs_in_round_ = 0;
  song_ids_.clear();
}

void RedshiftStagingWriter::flush_events() {
  events_.flush();
  if (events_in_round_ > 0) {
    const auto staged = warehouse_.execute(warehouse_.statement("staging/merge_events"));
    warehouse_.execute(warehouse_.statement("staging/clear_events"));
    counts_.events_staged += staged;
    counts_.duplicates += events_in_round_ - staged;
  }
  events_in_round_ = 0;
  event_ids_.clear();
}

void RedshiftStagingWriter::flush_objects() {
  objects_.flush();
  if (objects_in_round_ > 0) {
    warehouse_.execute(warehouse_.statement("staging/merge_objects"));
    warehouse_.execute(warehouse_.statement("staging/clear_objects"));
  }
  objects_in_round_ = 0;
}

void RedshiftStagingWriter::flush() {
  flush_songs();
  flush_events();
  rejects_.flush();
  flush_objects();
}

std::size_t RedshiftStagingWriter::statements_sent() const {
  return songs_.statements_sent() + events_.statements_sent() + rejects_.statements_sent() +
         objects_.statements_sent();
}

}  // namespace sparkify
