// Stages records into Redshift from the ETL server: rows become multi-row
// INSERT statements (MultiRowInsert, each under the statement limit, values
// written only by redshift::literal) into session temp tables, then moved into
// the staging tables by staging/merge_*.sql (delete changed rows, insert the
// missing ones) with the rules of staging/insert_*.sql. Rejects go straight
// into etl_reject; ledger rows through a temp table like the staged rows.
// Everything happens inside the batch's open transaction. Memory: at most one
// statement (the limit) per table.
#pragma once

#include <string>
#include <unordered_set>

#include "warehouse/redshift/multi_row_insert.hpp"
#include "warehouse/staging_row.hpp"
#include "warehouse/warehouse.hpp"

namespace sparkify {

class RedshiftWarehouse;

// The heads of the multi-row INSERTs that stage each record kind, "INSERT INTO
// tmp_s_song (song_id, ...) VALUES": the columns in staging_row's order.
struct StagingInsertHeads {
  std::string songs;
  std::string events;
  std::string rejects;
  std::string objects;
};
StagingInsertHeads staging_insert_heads();

class RedshiftStagingWriter final : public StagingWriter {
 public:
  RedshiftStagingWriter(RedshiftWarehouse& warehouse, std::int64_t batch_id, std::string staged_at,
                        std::size_t max_statement_bytes);

  void add(const SongRecord& song) override;
  void add(const EventRecord& event) override;
  void add(const Reject& reject) override;
  void add(const LoadedObject& object) override;
  void flush() override;
  StagingCounts counts() const override { return counts_; }

  // Staging mode "copy" (the warehouse has a CopyStaging): event logs are loaded
  // by a server-side COPY from S3 with a manifest of exactly these objects.
  bool loads_server_side(std::string_view kind) const override;
  void load_server_side(const std::vector<LoadedObject>& objects) override;

  // Statements sent so far (for tests of the size limit).
  std::size_t statements_sent() const;

 private:
  RedshiftStagingWriter(RedshiftWarehouse& warehouse, std::int64_t batch_id, std::string staged_at,
                        std::size_t max_statement_bytes, const StagingInsertHeads& heads);

  void flush_songs();
  void flush_events();
  void flush_objects();
  StagingStamp stamp() const;

  RedshiftWarehouse& warehouse_;
  std::int64_t batch_id_;
  std::string staged_at_;
  redshift::MultiRowInsert songs_;
  redshift::MultiRowInsert events_;
  redshift::MultiRowInsert rejects_;
  redshift::MultiRowInsert objects_;
  // Ids in the current round: a repeated id goes to the next round, so that a
  // record staged twice in one batch is decided as the row-by-row insert decides it.
  std::unordered_set<std::string> song_ids_;
  std::unordered_set<std::string> event_ids_;
  std::int64_t songs_in_round_ = 0;
  std::int64_t events_in_round_ = 0;
  std::int64_t objects_in_round_ = 0;
  StagingCounts counts_;
};

}  // namespace sparkify
