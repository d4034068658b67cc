// Stages records into SQLite with prepared statements, one row per step,
// inside the batch's transaction.
#pragma once

#include <string>

#include "warehouse/sqlite/sqlite_handle.hpp"
#include "warehouse/staging_row.hpp"
#include "warehouse/warehouse.hpp"

namespace sparkify {

class SqliteWarehouse;

class SqliteStagingWriter final : public StagingWriter {
 public:
  SqliteStagingWriter(SqliteWarehouse& warehouse, std::int64_t batch_id, std::string staged_at,
                      StagedRows rows);

  void add(const SongRecord& song) override;
  void add(const EventRecord& event) override;
  void add(const Reject& reject) override;
  void add(const LoadedObject& object) override;
  void flush() override {}
  StagingCounts counts() const override { return counts_; }

 private:
  StagingStamp stamp() const;

  SqliteWarehouse& warehouse_;
  std::int64_t batch_id_;
  std::string staged_at_;
  std::int64_t processed_;  // the flag staged rows start with
  sqlite::Statement insert_song_;
  sqlite::Statement insert_event_;
  sqlite::Statement insert_reject_;
  sqlite::Statement record_object_;
  StagingCounts counts_;
};

}  // namespace sparkify
