// Stages records into PostgreSQL with COPY (in binary format, for the columns'
// types the catalog gives, pg_copy.hpp): rows are formatted in memory (a
// bounded buffer per table), copied into session temp tables and moved into the
// staging tables by INSERT ... ON CONFLICT (staging/merge_*.sql), whose rules are
// those of the row-by-row staging/insert_*.sql. Rejects are copied straight into
// etl_reject; ledger rows (etl_object) go through a temp table like the
// staged rows. Everything happens inside the batch's open transaction.
//
// On the bulk path, s_songplay_event's primary key is set aside (bulk/keys.sql):
// events are copied straight into it by one COPY that stays open until another
// statement needs the connection. When building the key again fails on a repeated
// event, remove_repeats() removes the later copies
// (staging/remove_repeated_events.sql), which ON CONFLICT would have skipped.
#pragma once

#include <optional>
#include <string>
#include <unordered_set>

#include "warehouse/libpq/pg_copy.hpp"
#include "warehouse/staging_row.hpp"
#include "warehouse/warehouse.hpp"

namespace sparkify {

class PostgresWarehouse;

class PgStagingWriter final : public StagingWriter {
 public:
  inline static constexpr std::size_t kDefaultFlushBytes = 4 << 20;

  PgStagingWriter(PostgresWarehouse& warehouse, std::int64_t batch_id, std::string staged_at,
                  StagedRows rows, WritePath path = WritePath::incremental,
                  std::size_t flush_bytes = kDefaultFlushBytes);

  void add(const SongRecord& song) override;
  void add(const EventRecord& event) override;
  void add(const Reject& reject) override;
  void add(const LoadedObject& object) override;
  void flush() override;
  StagingCounts counts() const override { return counts_; }
  void remove_repeats() override;

 private:
  void set_copy_formats();
  StagingStamp stamp_without_flag() const;
  void finish_events_copy();
  std::int64_t copy_and_merge(const std::string& copy_statement, const pg::CopyRows& rows,
                              std::string_view merge, std::string_view clear);
  void flush_songs();
  void flush_events();
  void flush_rejects();
  void flush_objects();

  PostgresWarehouse& warehouse_;
  std::int64_t batch_id_;
  std::string staged_at_;
  std::int64_t processed_;   // the flag staged rows start with (1 or 0)
  bool events_straight_in_;  // the bulk path: events copied into s_songplay_event itself
  std::size_t flush_bytes_;
  bool events_copied_straight_in_ = false;  // by this batch, with the key set aside
  pg::CopyRows songs_;
  pg::CopyRows events_;                            // through the temporary table
  std::optional<pg::CopyWriter> events_copy_;      // the bulk path's COPY, open while events come
  std::vector<pg::CopyType> straight_in_columns_;  // its columns' types; empty: text format
  pg::CopyRows rejects_;
  pg::CopyRows objects_;
  // song_ids in songs_: a repeated id goes to the next round, so that a song
  // staged twice in one batch is decided as the row-by-row insert decides it.
  std::unordered_set<std::string> song_ids_;
  StagingCounts counts_;
};

}  // namespace sparkify
