#include "warehouse/postgres/postgres_warehouse.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <thread>

#include "warehouse/libpq/pg_copy.hpp"
#include "warehouse/libpq/pg_sql_script.hpp"
#include "warehouse/postgres/pg_staging_writer.hpp"
#include "warehouse/schema_migration.hpp"

namespace sparkify {
namespace {

// Advisory-lock keys, stable across builds and versions.
constexpr std::int64_t kWriterLock = pg::advisory_lock_key("sparkify-dwh: single writer");
constexpr std::int64_t kMigrateLock = pg::advisory_lock_key("sparkify-dwh: schema migration");

}  // namespace

PostgresWarehouse::PostgresWarehouse(const std::string& conninfo, bool read_only)
    : LibpqWarehouse(pg::Connection(conninfo)) {
  if (read_only) {
    conn_.execute_script("SET default_transaction_read_only = on");
  } else {
    // The writer's statements run on tables just written in the same transaction,
    // where the planner's row estimates are far off, and each runs once per
    // batch: JIT compilation took 0.65 s of the 0.85 s of 30_d_user on medium and
    // sped nothing up. Read-only sessions keep the server's
    // setting.
    conn_.execute_script("SET jit = off");
  }
}

PostgresWarehouse::~PostgresWarehouse() {
  if (!writer_locked_ || !conn_.ok())
    return;
  conn_.rollback_quietly();
  try {
    conn_.advisory_unlock(kWriterLock);
  } catch (const std::exception&) {
    // Closing the connection releases it anyway.
  }
}

int PostgresWarehouse::migrate() {
  return migrate_in_one_transaction(*this, [this] {
    conn_.query("SELECT pg_advisory_xact_lock($1::bigint)", {Value{kMigrateLock}});
  });
}

void PostgresWarehouse::lock_writer() {
  if (writer_locked_)
    return;
  constexpr auto kGrace = std::chrono::seconds(1);
  constexpr auto kPoll = std::chrono::milliseconds(25);
  const auto deadline = std::chrono::steady_clock::now() + kGrace;
  while (!(writer_locked_ = conn_.try_advisory_lock(kWriterLock)) &&
         std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(kPoll);
  }
  if (!writer_locked_) {
    throw WarehouseBusy(
        fmt::format("another loader is writing to {}; try again when it has finished", describe()));
  }
  pg::execute_script(conn_, statement("ledger/restart_batch_ids"), {});
}

void PostgresWarehouse::transform_in_snapshots() {
  conn_.execute_script(
      "SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL REPEATABLE READ");
}

std::int64_t PostgresWarehouse::insert_rows(std::string_view name,
                                            const std::vector<std::vector<Value>>& rows) {
  if (rows.empty())
    return 0;
  pg::CopyRows data;
  for (const auto& row : rows) {
    for (const auto& value : row)
      data.value(value);
    data.end_row();
  }
  return pg::copy_rows(conn_, statement(name), data);
}

std::unique_ptr<StagingWriter> PostgresWarehouse::open_staging(std::int64_t batch_id,
                                                               const std::string& staged_at,
                                                               StagedRows rows, WritePath path) {
  return std::make_unique<PgStagingWriter>(*this, batch_id, staged_at, rows, path);
}

}  // namespace sparkify
