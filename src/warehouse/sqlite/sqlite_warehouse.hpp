// The embedded default engine: one SQLite file, nothing to install or configure.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <string>

#include "warehouse/sqlite/sqlite_handle.hpp"
#include "warehouse/warehouse.hpp"

namespace sparkify {

struct SqliteOptions {
  // How long a writer waits for another one to finish its transaction.
  int busy_timeout_ms = 30'000;
  // Open the file read-only (it must exist) with PRAGMA query_only.
  bool read_only = false;
};

class SqliteWarehouse final : public Warehouse {
 public:
  // Opens (and creates when missing) the database file.
  explicit SqliteWarehouse(std::filesystem::path path, SqliteOptions options = {});

  std::string engine() const override { return "sqlite"; }
  std::string_view sql_dir() const override { return "sqlite"; }
  std::string describe() const override { return "sqlite:" + path_.string(); }

  int migrate() override;
  // SQLite serializes writers per transaction (BEGIN IMMEDIATE); the pipeline
  // re-checks its ledger inside each transaction, so this has nothing to hold.
  void lock_writer() override {}

  void begin() override;
  // After a bulk batch wrote without foreign keys (set_batch_write), checks them all
  // first; a row that breaks one fails the commit, and the caller rolls back.
  void commit() override;
  // Ends a bulk batch too: the foreign keys are on again.
  void rollback() override;
  void set_batch_write(BatchWrite how) override;

  std::int64_t execute(std::string_view sql, const std::vector<Value>& params = {}) override;
  Table query(std::string_view sql, const std::vector<Value>& params = {}) override;
  Table query_read_only(std::string_view sql, const std::vector<Value>& params = {}) override;

  std::unique_ptr<StagingWriter> open_staging(std::int64_t batch_id, const std::string& staged_at,
                                              StagedRows rows, WritePath path) override;

  sqlite3* handle() const { return db_.get(); }

 private:
  sqlite::Statement& cached(std::string_view sql);
  void check_foreign_keys();
  static Table rows_of(sqlite::Statement& stmt);

  std::filesystem::path path_;
  sqlite::DbHandle db_;
  // Prepared statements of query(), by text, reused across calls.
  std::map<std::string, std::unique_ptr<sqlite::Statement>, std::less<>> cache_;
  // The foreign keys are off for a bulk batch: commit() checks them.
  bool foreign_keys_at_commit_ = false;
};

}  // namespace sparkify
