#include "warehouse/postgres/pg_staging_writer.hpp"

#include <fmt/format.h>

#include <map>
#include <utility>

#include "core/phase_timer.hpp"
#include "warehouse/postgres/postgres_warehouse.hpp"
#include "warehouse/staging_row.hpp"

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
  set_copy_formats();
}

namespace {

// (table, column) -> the column's type as format_type() names it.
using ColumnTypes = std::map<std::pair<std::string, std::string>, std::string>;

// The column types of a record's columns in table, for a COPY in binary format;
// empty (the text format) where a column's type is none that binary COPY writes here.
template <typename Record>
std::vector<pg::CopyType> binary_columns(const ColumnTypes& types, const std::string& table,
                                         bool with_processed = false) {
  std::vector<pg::CopyType> columns;
  for (const auto& name : column_names<Record>(with_processed)) {
    const auto it = types.find({table, name});
    const auto type = it == types.end() ? std::nullopt : pg::copy_type(it->second);
    if (!type)
      return {};
    columns.push_back(*type);
  }
  return columns;
}

// Appends a record's columns to a COPY row in staging_row's order, into rows built
// in memory (pg::CopyRows) or a COPY in progress (pg::CopyWriter).
template <typename Sink>
class CopyColumns {
 public:
  explicit CopyColumns(Sink& rows) : rows_(rows) {}

  template <typename T>
  void operator()(std::string_view /*column*/, const T& value) {
    if constexpr (std::is_same_v<T, std::optional<double>>) {
      rows_.real(value);
    } else if constexpr (std::is_same_v<T, std::int64_t> ||
                         std::is_same_v<T, std::optional<std::int64_t>>) {
      rows_.integer(value);
    } else if constexpr (std::is_same_v<T, std::optional<std::string_view>>) {
      value ? rows_.text(*value) : rows_.null();
    } else {
      rows_.text(value);
    }
  }

 private:
  Sink& rows_;
};

// "COPY table (song_id, ...) FROM STDIN": the record's columns in staging_row's order.
template <typename Record>
std::string copy_into(std::string_view table, bool binary, bool with_processed = false) {
  return fmt::format("COPY {} ({}) FROM STDIN{}", table, column_list<Record>(with_processed),
                     binary ? " (FORMAT binary)" : "");
}

template <typename Sink, typename Record>
void copy_row(Sink& rows, const Record& record, const StagingStamp& stamp) {
  visit_columns(record, stamp, CopyColumns<Sink>(rows));
  rows.end_row();
}

}  // namespace

// Every COPY goes in binary format where its table's columns have types binary COPY
// writes here (all of them in the product's schema), else in text.
void PgStagingWriter::set_copy_formats() {
  ColumnTypes types;
  const auto table =
      warehouse_.query(warehouse_.statement("staging/column_types"),
                       {std::string("tmp_s_song,tmp_s_songplay_event,s_songplay_event,etl_reject,"
                                    "tmp_etl_object")});
  for (const auto& row : table.rows)
    types[{*to_text(row.at(0)), *to_text(row.at(1))}] = *to_text(row.at(2));
  songs_ = pg::CopyRows(binary_columns<SongRecord>(types, "tmp_s_song"));
  events_ = pg::CopyRows(binary_columns<EventRecord>(types, "tmp_s_songplay_event"));
  rejects_ = pg::CopyRows(binary_columns<Reject>(types, "etl_reject"));
  objects_ = pg::CopyRows(binary_columns<LoadedObject>(types, "tmp_etl_object"));
  straight_in_columns_ =
      binary_columns<EventRecord>(types, "s_songplay_event", /*with_processed=*/true);
}

// The temporary tables' merges set the processed flag, so their rows carry none.
StagingStamp PgStagingWriter::stamp_without_flag() const {
  return StagingStamp{batch_id_, staged_at_, std::nullopt};
}

void PgStagingWriter::add(const SongRecord& s) {
  if (!song_ids_.insert(s.song_id).second) {
    flush_songs();
    song_ids_.insert(s.song_id);
  }
  copy_row(songs_, s, stamp_without_flag());
  if (songs_.data().size() >= flush_bytes_)
    flush_songs();
}

void PgStagingWriter::add(const EventRecord& e) {
  // Copied straight into s_songplay_event (the bulk path), a row carries its own
  // processed flag and goes into one COPY that stays open while the events come, so
  // that the server stores rows while this process parses the next ones; through the
  // temporary table, the merge sets the flag. Repeated event_ids in one round need
  // no care: ON CONFLICT DO NOTHING skips the later ones, as the row-by-row insert
  // would.
  if (events_straight_in_) {
    if (!events_copy_) {
      events_copy_.emplace(warehouse_.connection(),
                           copy_into<EventRecord>("s_songplay_event", !straight_in_columns_.empty(),
                                                  /*with_processed=*/true),
                           straight_in_columns_);
    }
    copy_row(*events_copy_, e, StagingStamp{batch_id_, staged_at_, processed_});
    return;
  }
  copy_row(events_, e, stamp_without_flag());
  if (events_.data().size() >= flush_bytes_)
    flush_events();
}

void PgStagingWriter::add(const Reject& j) {
  copy_row(rejects_, j, stamp_without_flag());
  if (rejects_.data().size() >= flush_bytes_)
    flush_rejects();
}

void PgStagingWriter::add(const LoadedObject& o) {
  copy_row(objects_, o, stamp_without_flag());
  if (objects_.data().size() >= flush_bytes_)
    flush_objects();
}

// Ends the bulk path's COPY of events, so that the connection can run another
// statement.
// Its rows count as staged until remove_repeats() finds some of them repeated.
void PgStagingWriter::finish_events_copy() {
  if (events_copy_) {
    counts_.events_staged += events_copy_->finish();
    events_copied_straight_in_ = true;
    events_copy_.reset();
  }
}

// Copies one round of rows into their temporary table, merges it into the staging
// table (the rows the merge skips are duplicates) and empties it; returns the rows
// staged.
std::int64_t PgStagingWriter::copy_and_merge(const std::string& copy_statement,
                                             const pg::CopyRows& rows, std::string_view merge,
                                             std::string_view clear) {
  const auto copied = pg::copy_rows(warehouse_.connection(), copy_statement, rows);
  const auto staged = warehouse_.execute(warehouse_.statement(merge), {processed_});
  warehouse_.execute(warehouse_.statement(clear));
  counts_.duplicates += copied - staged;
  return staged;
}

void PgStagingWriter::flush_songs() {
  if (songs_.rows() > 0) {
    finish_events_copy();
    counts_.songs_staged += copy_and_merge(copy_into<SongRecord>("tmp_s_song", songs_.binary()),
                                           songs_, "staging/merge_songs", "staging/clear_songs");
  }
  songs_.clear();
  song_ids_.clear();
}

void PgStagingWriter::flush_events() {
  finish_events_copy();
  if (events_.rows() > 0) {
    counts_.events_staged +=
        copy_and_merge(copy_into<EventRecord>("tmp_s_songplay_event", events_.binary()), events_,
                       "staging/merge_events", "staging/clear_events");
  }
  events_.clear();
}

void PgStagingWriter::flush_rejects() {
  if (rejects_.rows() > 0) {
    finish_events_copy();
    counts_.rejects += pg::copy_rows(warehouse_.connection(),
                                     copy_into<Reject>("etl_reject", rejects_.binary()), rejects_);
  }
  rejects_.clear();
}

void PgStagingWriter::flush_objects() {
  if (objects_.rows() > 0) {
    finish_events_copy();
    pg::copy_rows(warehouse_.connection(),
                  copy_into<LoadedObject>("tmp_etl_object", objects_.binary()), objects_);
    warehouse_.execute(warehouse_.statement("staging/merge_objects"));
    warehouse_.execute(warehouse_.statement("staging/clear_objects"));
  }
  objects_.clear();
}

void PgStagingWriter::remove_repeats() {
  finish_events_copy();
  if (!events_copied_straight_in_)
    return;
  const PhaseTimer timer("bulk: repeated events removed");
  const auto removed =
      warehouse_.execute(warehouse_.statement("staging/remove_repeated_events"), {batch_id_});
  counts_.events_staged -= removed;
  counts_.duplicates += removed;
}

void PgStagingWriter::flush() {
  flush_songs();
  flush_events();
  flush_rejects();
  flush_objects();
}

}  // namespace sparkify
