#include "warehouse/postgres/pg_staging_writer.hpp"

#include "warehouse/postgres/postgres_warehouse.hpp"

namespace sparkify {

PgStagingWriter::PgStagingWriter(PostgresWarehouse& warehouse, std::int64_t batch_id,
                                 std::string staged_at, StagedRows rows, WritePath path,
                                 std::size_t flush_bytes)
    : warehouse_(warehouse),
      batch_id_(batch_id),
      staged_at_(std::move(staged_at)),
      processed_(rows == StagedRows::transformed_by_this_batch ? 1 : 0),
      events_straight_in_(path == WritePath::bulk),
      flush_bytes_(flush_bytes) {
  warehouse_.execute(warehouse_.statement("staging/create_temp"));
}

void PgStagingWriter::add(const SongRecord& s) {
  if (!song_ids_.insert(s.song_id).second) {
    flush_songs();
    song_ids_.insert(s.song_id);
  }
  auto& r = songs_;
  r.text(s.song_id);
  r.integer(s.num_songs);
  r.text(s.title);
  r.text(s.artist_id);
  r.text(s.artist_name);
  r.text(s.artist_location);
  r.real(s.artist_latitude);
  r.real(s.artist_longitude);
  r.real(s.duration);
  r.integer(s.year);
  r.text(s.source_key);
  r.integer(s.line_number);
  r.integer(batch_id_);
  r.text(staged_at_);
  r.end_row();
  if (r.data().size() >= flush_bytes_)
    flush_songs();
}

void PgStagingWriter::add(const EventRecord& e) {
  auto& r = events_;
  r.text(e.event_id);
  r.text(e.artist);
  r.text(e.auth);
  r.text(e.first_name);
  r.text(e.gender);
  r.integer(e.item_in_session);
  r.text(e.last_name);
  r.real(e.length);
  r.text(e.level);
  r.text(e.location);
  r.text(e.method);
  r.text(e.page);
  r.real(e.registration);
  r.integer(e.session_id);
  r.text(e.song);
  r.integer(e.status);
  r.integer(e.ts);
  r.text(e.user_agent);
  r.integer(e.user_id);
  r.text(e.time.start_time);
  r.integer(std::int64_t{e.time.hour});
  r.integer(std::int64_t{e.time.day});
  r.integer(std::int64_t{e.time.week});
  r.integer(std::int64_t{e.time.month});
  r.integer(std::int64_t{e.time.year});
  r.integer(std::int64_t{e.time.weekday});
  r.text(e.source_key);
  r.integer(e.line_number);
  r.integer(batch_id_);
  r.text(staged_at_);
  if (events_straight_in_)
    r.integer(processed_);  // the temp table's merge sets it; copied straight in, the row does
  r.end_row();
  // Repeated event_ids in one round need no care: ON CONFLICT DO NOTHING skips
  // the later ones, as the row-by-row insert would.
  if (r.data().size() >= flush_bytes_)
    flush_events();
}

void PgStagingWriter::add(const Reject& j) {
  auto& r = rejects_;
  r.integer(batch_id_);
  r.text(j.source_key);
  r.integer(j.line_number);
  if (j.field.empty()) {
    r.null();
  } else {
    r.text(j.field);
  }
  r.text(j.reason);
  r.text(j.raw);
  r.text(staged_at_);
  r.end_row();
  if (r.data().size() >= flush_bytes_)
    flush_rejects();
}

void PgStagingWriter::add(const LoadedObject& o) {
  auto& r = objects_;
  r.text(o.source_key);
  r.text(o.version);
  r.text(o.kind);
  r.integer(o.size_bytes);
  r.integer(batch_id_);
  r.integer(o.records);
  r.integer(o.rejects);
  r.text(staged_at_);
  r.end_row();
  if (r.data().size() >= flush_bytes_)
    flush_objects();
}

void PgStagingWriter::flush_songs() {
  if (songs_.rows() > 0) {
    auto& conn = warehouse_.connection();
    const auto copied = pg::copy_rows(conn, warehouse_.statement("staging/copy_songs"), songs_);
    const auto staged =
        warehouse_.execute(warehouse_.statement("staging/merge_songs"), {processed_});
    warehouse_.execute(warehouse_.statement("staging/clear_songs"));
    counts_.songs_staged += staged;
    counts_.duplicates += copied - staged;
  }
  songs_.clear();
  song_ids_.clear();
}

void PgStagingWriter::flush_events() {
  if (events_.rows() > 0 && events_straight_in_) {
    events_copied_unchecked_ += pg::copy_rows(
        warehouse_.connection(), warehouse_.statement("staging/copy_events_bulk"), events_);
  } else if (events_.rows() > 0) {
    auto& conn = warehouse_.connection();
    const auto copied = pg::copy_rows(conn, warehouse_.statement("staging/copy_events"), events_);
    const auto staged =
        warehouse_.execute(warehouse_.statement("staging/merge_events"), {processed_});
    warehouse_.execute(warehouse_.statement("staging/clear_events"));
    counts_.events_staged += staged;
    counts_.duplicates += copied - staged;
  }
  events_.clear();
}

void PgStagingWriter::flush_rejects() {
  if (rejects_.rows() > 0) {
    counts_.rejects += pg::copy_rows(warehouse_.connection(),
                                     warehouse_.statement("staging/copy_rejects"), rejects_);
  }
  rejects_.clear();
}

void PgStagingWriter::flush_objects() {
  if (objects_.rows() > 0) {
    pg::copy_rows(warehouse_.connection(), warehouse_.statement("staging/copy_objects"), objects_);
    warehouse_.execute(warehouse_.statement("staging/merge_objects"));
    warehouse_.execute(warehouse_.statement("staging/clear_objects"));
  }
  objects_.clear();
}

// The bulk path's events, copied straight in: later copies of an event already staged
// are removed, and the rest counted as staged.
void PgStagingWriter::remove_repeated_events() {
  if (events_copied_unchecked_ == 0)
    return;
  const auto removed =
      warehouse_.execute(warehouse_.statement("staging/remove_repeated_events"), {batch_id_});
  counts_.events_staged += events_copied_unchecked_ - removed;
  counts_.duplicates += removed;
  events_copied_unchecked_ = 0;
}

void PgStagingWriter::flush() {
  flush_songs();
  flush_events();
  remove_repeated_events();
  flush_rejects();
  flush_objects();
}

}  // namespace sparkify
