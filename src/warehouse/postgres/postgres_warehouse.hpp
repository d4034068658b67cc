// The PostgreSQL engine: any reachable PostgreSQL server (the prototype's engine).
// Its .sql files (postgres/sql/) mirror the SQLite ones statement for statement,
// with the same names and the same positional parameters ($1.. for ?1..).
#pragma once

#include <string>

#include "warehouse/libpq/libpq_warehouse.hpp"

namespace sparkify {

class PostgresWarehouse final : public LibpqWarehouse {
 public:
  // conninfo: a libpq URI or keyword string (see pg::Connection).
  // read_only: every transaction of the session is READ ONLY (the analysts' commands).
  explicit PostgresWarehouse(const std::string& conninfo, bool read_only = false);
  // Releases the writer lock before closing, so that the next run, started right
  // after this one, finds it free (the server would otherwise release it only
  // when it notices the closed session, a few milliseconds later).
  ~PostgresWarehouse() override;

  std::string engine() const override { return "postgresql"; }
  std::string_view sql_dir() const override { return "postgres"; }

  // Applies the schema files not yet applied, in one transaction, serialised
  // between concurrent callers by a transaction-level advisory lock.
  int migrate() override;
  // A session-level advisory lock held until this connection closes. A second
  // writer gets WarehouseBusy after a grace period of one second (covering a
  // previous writer whose session the server is still ending), never a long wait.
  // Then, the schema in place (after migrate()), batch ids restart after the
  // ledger's last batch.
  void lock_writer() override;

  bool transforms_beside_staging() const override { return true; }
  // 4 GiB: every batch of a first load or backfill that is large next to the warehouse
  // builds its keys again over every row (the bulk path), so splitting such a load costs
  // one more build of them per batch, while the transaction's own cost grows with its
  // rows alone (no rollback journal, no page cache that its sorts outgrow).
  std::uint64_t default_batch_max_bytes() const override { return 4ULL << 30; }
  // REPEATABLE READ for the session: a staging commit that lands during a transform
  // stays waiting for the next one. Ids come from a sequence (schema 9), so the
  // two connections' batches never share one.
  void transform_in_snapshots() override;

  // The statement is "COPY table (columns) FROM STDIN": the rows go in one COPY.
  std::int64_t insert_rows(std::string_view name,
                           const std::vector<std::vector<Value>>& rows) override;

  // Stages through COPY into temporary tables, merged with ON CONFLICT.
  std::unique_ptr<StagingWriter> open_staging(std::int64_t batch_id, const std::string& staged_at,
                                              StagedRows rows, WritePath path) override;

 private:
  bool writer_locked_ = false;
};

}  // namespace sparkify
