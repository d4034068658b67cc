#include "warehouse/sqlite/sqlite_staging_writer.hpp"

#include "warehouse/sqlite/sqlite_warehouse.hpp"

namespace sparkify {

SqliteStagingWriter::SqliteStagingWriter(SqliteWarehouse& warehouse, std::int64_t batch_id,
                                         std::string staged_at, StagedRows rows)
    : warehouse_(warehouse),
      batch_id_(batch_id),
      staged_at_(std::move(staged_at)),
      processed_(rows == StagedRows::transformed_by_this_batch ? 1 : 0),
      insert_song_(warehouse.handle(), warehouse.statement("staging/insert_song")),
      insert_event_(warehouse.handle(), warehouse.statement("staging/insert_event")),
      insert_reject_(warehouse.handle(), warehouse.statement("staging/insert_reject")),
      record_object_(warehouse.handle(), warehouse.statement("ledger/record_object")) {}

void SqliteStagingWriter::add(const SongRecord& s) {
  auto& st = insert_song_;
  st.reset();
  st.bind_text(1, s.song_id);
  st.bind_optional(2, s.num_songs);
  st.bind_text(3, s.title);
  st.bind_text(4, s.artist_id);
  st.bind_optional(5, s.artist_name);
  st.bind_optional(6, s.artist_location);
  st.bind_optional(7, s.artist_latitude);
  st.bind_optional(8, s.artist_longitude);
  st.bind_optional(9, s.duration);
  st.bind_optional(10, s.year);
  st.bind_text(11, s.source_key);
  st.bind_int(12, s.line_number);
  st.bind_int(13, batch_id_);
  st.bind_text(14, staged_at_);
  st.bind_int(15, processed_);
  st.step();
  if (sqlite3_changes64(warehouse_.handle()) > 0) {
    ++counts_.songs_staged;
  } else {
    ++counts_.duplicates;
  }
}

void SqliteStagingWriter::add(const EventRecord& e) {
  auto& st = insert_event_;
  st.reset();
  st.bind_text(1, e.event_id);
  st.bind_optional(2, e.artist);
  st.bind_optional(3, e.auth);
  st.bind_optional(4, e.first_name);
  st.bind_optional(5, e.gender);
  st.bind_int(6, e.item_in_session);
  st.bind_optional(7, e.last_name);
  st.bind_optional(8, e.length);
  st.bind_optional(9, e.level);
  st.bind_optional(10, e.location);
  st.bind_optional(11, e.method);
  st.bind_text(12, e.page);
  st.bind_optional(13, e.registration);
  st.bind_int(14, e.session_id);
  st.bind_optional(15, e.song);
  st.bind_optional(16, e.status);
  st.bind_int(17, e.ts);
  st.bind_optional(18, e.user_agent);
  st.bind_optional(19, e.user_id);
  st.bind_text(20, e.time.start_time);
  st.bind_int(21, e.time.hour);
  st.bind_int(22, e.time.day);
  st.bind_int(23, e.time.week);
  st.bind_int(24, e.time.month);
  st.bind_int(25, e.time.year);
  st.bind_int(26, e.time.weekday);
  st.bind_text(27, e.source_key);
  st.bind_int(28, e.line_number);
  st.bind_int(29, batch_id_);
  st.bind_text(30, staged_at_);
  st.bind_int(31, processed_);
  st.step();
  if (sqlite3_changes64(warehouse_.handle()) > 0) {
    ++counts_.events_staged;
  } else {
    ++counts_.duplicates;
  }
}

void SqliteStagingWriter::add(const Reject& r) {
  auto& st = insert_reject_;
  st.reset();
  st.bind_int(1, batch_id_);
  st.bind_text(2, r.source_key);
  st.bind_int(3, r.line_number);
  if (r.field.empty()) {
    st.bind_null(4);
  } else {
    st.bind_text(4, r.field);
  }
  st.bind_text(5, r.reason);
  st.bind_text(6, r.raw);
  st.bind_text(7, staged_at_);
  st.step();
  ++counts_.rejects;
}

void SqliteStagingWriter::add(const LoadedObject& o) {
  auto& st = record_object_;
  st.reset();
  st.bind_text(1, o.source_key);
  st.bind_text(2, o.version);
  st.bind_text(3, o.kind);
  st.bind_int(4, o.size_bytes);
  st.bind_int(5, batch_id_);
  st.bind_int(6, o.records);
  st.bind_int(7, o.rejects);
  st.bind_text(8, staged_at_);
  st.step();
}

}  // namespace sparkify
