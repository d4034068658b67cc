#include "warehouse/postgres/postgres_warehouse.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <thread>

#include "core/clock.hpp"
#include "warehouse/embedded_sql.hpp"
#include "warehouse/name_gender_sync.hpp"
#include "warehouse/postgres/pg_copy.hpp"
#include "warehouse/postgres/pg_sql_script.hpp"
#include "warehouse/postgres/pg_staging_writer.hpp"

namespace sparkify {
namespace {

constexpr std::string_view kSchemaPrefix = "postgres/sql/schema/";

// Advisory-lock keys, stable across builds and versions.
constexpr std::int64_t kWriterLock = pg::advisory_lock_key("sparkify-dwh: single writer");
constexpr std::int64_t kMigrateLock = pg::advisory_lock_key("sparkify-dwh: schema migration");

std::vector<Value> first_params(const std::vector<Value>& params, int count) {
  const auto n = std::min(params.size(), static_cast<std::size_t>(std::max(count, 0)));
  return {params.begin(), params.begin() + static_cast<std::ptrdiff_t>(n)};
}

}  // namespace

PostgresWarehouse::PostgresWarehouse(const std::string& conninfo, bool read_only)
    : conn_(conninfo) {
  if (read_only) {
    conn_.execute_script("SET default_transaction_read_only = on");
  } else {
    // The writer's statements run on tables just written in the same transaction,
    // where the planner's row estimates are far off, and each runs once per
    // batch: JIT compilation took 0.65 s of the 0.85 s of 30_d_user on medium and
    // sped nothing up (docs/performance.md). Read-only sessions keep the server's
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

int PostgresWarehouse::schema_version() {
  const Table exists = conn_.query("SELECT to_regclass('etl_schema_version') IS NOT NULL");
  if (to_int(exists.rows.at(0).at(0)) == 0)
    return 0;
  const Table version = conn_.query("SELECT COALESCE(MAX(version), 0) FROM etl_schema_version");
  return static_cast<int>(to_int(version.rows.at(0).at(0)));
}

int PostgresWarehouse::migrate() {
  begin();
  try {
    conn_.query("SELECT pg_advisory_xact_lock($1::bigint)", {Value{kMigrateLock}});
    conn_.execute_script(
        "CREATE TABLE IF NOT EXISTS etl_schema_version ("
        " version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL)");
    int current = schema_version();
    require_known_schema("postgres", current, describe());
    for (const auto& file : embedded_sql()) {
      if (!file.name.starts_with(kSchemaPrefix))
        continue;
      const int version = schema_file_version(file.name);
      if (version <= current)
        continue;
      conn_.execute_script(file.text);
      conn_.execute(
          "INSERT INTO etl_schema_version (version, name, applied_at) VALUES ($1, $2, $3)",
          {std::int64_t{version}, std::string(file.name.substr(kSchemaPrefix.size())),
           utc_now_text()});
      current = version;
    }
    // The reference data the transforms read (engine-neutral: named statements).
    if (current >= 2)
      sync_name_gender(*this, embedded_name_gender_reference(), NameSyncMode::keep_users_table);
    commit();
    return current;
  } catch (...) {
    rollback();
    throw;
  }
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
}

void PostgresWarehouse::begin() {
  conn_.begin();
}
void PostgresWarehouse::commit() {
  conn_.commit();
}
void PostgresWarehouse::rollback() {
  conn_.rollback_quietly();
}

std::string_view PostgresWarehouse::statement(std::string_view name) const {
  return engine_statement("postgres", name);
}

std::vector<std::string> PostgresWarehouse::transform_steps() const {
  return engine_statement_names("postgres", "transform");
}

std::vector<std::string> PostgresWarehouse::statement_names(std::string_view folder) const {
  return engine_statement_names("postgres", folder);
}

std::int64_t PostgresWarehouse::execute(std::string_view sql, const std::vector<Value>& params) {
  if (params.empty())
    return conn_.execute_script(sql);
  std::int64_t changed = 0;
  for (const auto& statement : pg::split_sql(sql)) {
    changed += conn_.execute_params(statement.text, first_params(params, statement.max_parameter))
                   .rows_affected();
  }
  return changed;
}

Table PostgresWarehouse::query(std::string_view sql, const std::vector<Value>& params) {
  const auto statements = pg::split_sql(sql);
  if (statements.size() != 1) {
    throw WarehouseError(
        fmt::format("postgresql: a query must be one statement, not {}", statements.size()));
  }
  return conn_.query(statements[0].text, first_params(params, statements[0].max_parameter));
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

Table PostgresWarehouse::query_read_only(std::string_view sql, const std::vector<Value>& params) {
  const auto statements = pg::split_sql(sql);
  if (statements.empty())
    throw WarehouseQueryRejected("no SQL statement given");
  if (statements.size() != 1)
    throw WarehouseQueryRejected("only one SQL statement at a time");
  // The server refuses any write inside a READ ONLY transaction; nothing is kept.
  conn_.execute_script("BEGIN READ ONLY");
  try {
    Table table =
        conn_.query(statements[0].text, first_params(params, statements[0].max_parameter));
    conn_.rollback_quietly();
    return table;
  } catch (const WarehouseError& e) {
    conn_.rollback_quietly();
    // SQLSTATE class 42 (syntax error, undefined table or column): the statement's error.
    if (std::string_view(e.what()).find("[SQLSTATE 42") != std::string_view::npos)
      throw WarehouseStatementError(e.what(), std::nullopt);
    throw;
  } catch (...) {
    conn_.rollback_quietly();
    throw;
  }
}

std::unique_ptr<StagingWriter> PostgresWarehouse::open_staging(std::int64_t batch_id,
                                                               const std::string& staged_at,
                                                               StagedRows rows) {
  return std::make_unique<PgStagingWriter>(*this, batch_id, staged_at, rows);
}

}  // namespace sparkify
