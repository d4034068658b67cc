#include "warehouse/sqlite/sqlite_warehouse.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>

#include "core/phase_timer.hpp"
#include "warehouse/schema_migration.hpp"
#include "warehouse/sqlite/sqlite_staging_writer.hpp"

namespace sparkify {
namespace {

// PostgreSQL's "C" collation, byte order, is SQLite's BINARY. The product's statements
// name no collation (text orders by bytes on every engine); registered under its
// PostgreSQL name, an analyst's `sparkify sql` written for PostgreSQL with COLLATE "C"
// runs here as written.
int compare_bytes(void* /*unused*/, int left_size, const void* left, int right_size,
                  const void* right) {
  const int common = std::min(left_size, right_size);
  if (const int order = std::memcmp(left, right, static_cast<std::size_t>(common)); order != 0)
    return order;
  return left_size - right_size;
}

void register_c_collation(sqlite3* db) {
  if (const int rc =
          sqlite3_create_collation_v2(db, "C", SQLITE_UTF8, nullptr, compare_bytes, nullptr);
      rc != SQLITE_OK)
    sqlite::throw_error(db, rc, "registering the C collation");
}

}  // namespace

SqliteWarehouse::SqliteWarehouse(std::filesystem::path path, SqliteOptions options)
    : path_(std::move(path)) {
  sqlite3* db = nullptr;
  const int flags = options.read_only
                        ? SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX
                        : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
  const int rc = sqlite3_open_v2(path_.c_str(), &db, flags, nullptr);
  db_.reset(db);
  if (rc != SQLITE_OK)
    sqlite::throw_error(db, rc, fmt::format("opening {}", path_.string()));
  sqlite3_extended_result_codes(db, 1);
  register_c_collation(db);
  sqlite3_busy_timeout(db, options.busy_timeout_ms);
  if (options.read_only) {
    // A reader of a WAL file sees the last commit; it never writes.
    execute("PRAGMA query_only = ON");
    // Big GROUP BYs and sorts go to a temporary file (written only past the cache), not
    // to an in-memory temporary database, which was 2x slower for them: at large,
    // top-artist-names 2.96 -> 1.45 s, plays-by-location-level 2.02 -> 0.88 s (the sqlite3
    // shell with this connection's other settings; no named query got slower).
    execute("PRAGMA temp_store = FILE");
    // Queries that look up plays by id read pages in random order: mapped, they are
    // read in place instead of copied page by page into a small cache (the
    // artist-name queries at large: 10.7 -> 7.2 s). SQLite caps it at its build's
    // limit (2 GiB in Debian's); only the part of the file a query touches is read.
    execute("PRAGMA mmap_size = 2147418112");
    // Helper threads for the sorter: a GROUP BY over every play sorts parts of its rows
    // at once and merges them (at large: plays-by-hour 0.52 -> 0.41 s,
    // plays-by-location-level 0.66 -> 0.48 s). Not for the writer: a first load of large
    // was no faster with them and peaked at 625 MB instead of 422 MB.
    execute("PRAGMA threads = 2");
    return;
  }
  // WAL lets readers (status, queries, the server's health checks) run during a
  // load; synchronous=FULL makes every commit durable before it is acknowledged.
  // 16 KiB pages (set before the file's first write; an existing warehouse keeps
  // its own): the staging and fact B-trees, keyed by 64-hex-digit ids, split and
  // seek less. Medium loaded 15-20 % faster than with 4 KiB pages, 32 KiB was
  // slower again, and a small update took the same time.
  execute("PRAGMA page_size = 16384");
  execute("PRAGMA journal_mode = WAL");
  execute("PRAGMA synchronous = FULL");
  execute("PRAGMA foreign_keys = ON");
  execute("PRAGMA temp_store = FILE");  // big sorts of a large batch spill to disk, not RAM
  // 256 MiB of page cache: the staging and fact B-trees, keyed by 64-hex-digit ids,
  // are inserted at random places; with 96 MiB a first load of the large benchmark
  // took 83-99 s, with 256 MiB 66 s. transform/40_d_user_level.sql lowers it to
  // 8 MiB for its big sort (whose memory follows the cache size, per sorting thread) and
  // puts it back.
  execute("PRAGMA cache_size = -262144");
}

// A large batch through the write-ahead log writes every page twice: into the log at
// its commit, then into the database at the checkpoint that follows (the commit of the
// large benchmark's event batch: 6.9 s). Through a rollback journal it writes them
// once (0.36 s; the whole first load 59.2 -> 53.2 s), and stays atomic and durable.
// The cost: readers wait while the batch writes. The switch needs the file to itself,
// so with another connection open (a reader, the server's status) the log stays.
//
// A bulk batch writes with the foreign keys off and checks them all once, before its
// commit (check_foreign_keys): a lookup in each referenced table per row took a first
// load of large's 60_f_songplay to 7.6 s against 4.4 s without, and the check, which
// reads f_songplay in key order, 1.4 s (SPARKIFY_PROFILE). The pragma does not change
// inside a transaction, so it is set here, between them.
void SqliteWarehouse::set_batch_write(BatchWrite how) {
  const char* mode = how.large ? "PRAGMA journal_mode = DELETE" : "PRAGMA journal_mode = WAL";
  try {
    execute(mode);
  } catch (const WarehouseError&) {
    if (!how.large)
      throw;  // the log must come back
  }
  execute(how.bulk ? "PRAGMA foreign_keys = OFF" : "PRAGMA foreign_keys = ON");
  foreign_keys_at_commit_ = how.bulk;
}

void SqliteWarehouse::check_foreign_keys() {
  const PhaseTimer timer("bulk: foreign keys checked");
  const Table broken = query(statement("bulk/foreign_key_violations"));
  if (broken.rows.empty())
    return;
  std::string what;
  for (const auto& row : broken.rows) {
    what += fmt::format("{}{} rows pointing at no {} row: {}", what.empty() ? "" : "; ",
                        *to_text(row.at(0)), *to_text(row.at(1)), to_int(row.at(2)));
  }
  throw WarehouseError("foreign keys broken, nothing committed: " + what);
}

sqlite::Statement& SqliteWarehouse::cached(std::string_view sql) {
  auto it = cache_.find(sql);
  if (it == cache_.end()) {
    it =
        cache_.emplace(std::string(sql), std::make_unique<sqlite::Statement>(db_.get(), sql)).first;
  }
  it->second->reset();
  return *it->second;
}

int SqliteWarehouse::migrate() {
  // begin() is BEGIN IMMEDIATE: a concurrent migration waits for this one.
  return migrate_in_one_transaction(*this, [] {});
}

void SqliteWarehouse::begin() {
  execute("BEGIN IMMEDIATE");
}
void SqliteWarehouse::commit() {
  if (foreign_keys_at_commit_)
    check_foreign_keys();
  execute("COMMIT");
}
void SqliteWarehouse::rollback() {
  if (!sqlite3_get_autocommit(db_.get()))
    sqlite3_exec(db_.get(), "ROLLBACK", nullptr, nullptr, nullptr);
  // A bulk batch ends with its rollback: what the connection writes next (the record of
  // the failed batch) has its foreign keys checked row by row, not all again at a commit.
  if (foreign_keys_at_commit_) {
    sqlite3_exec(db_.get(), "PRAGMA foreign_keys = ON", nullptr, nullptr, nullptr);
    foreign_keys_at_commit_ = false;
  }
}

std::int64_t SqliteWarehouse::execute(std::string_view sql, const std::vector<Value>& params) {
  // A single statement run again (names/insert for every name, ...) is prepared once.
  if (const auto it = cache_.find(sql); it != cache_.end()) {
    sqlite::Statement& stmt = cached(sql);
    stmt.bind_all(params);
    while (stmt.step()) {
    }
    stmt.reset();
    return sqlite3_changes64(db_.get());
  }
  std::int64_t changed = 0;
  const std::string_view whole = sql;
  bool first = true;
  while (!sql.empty()) {
    std::string_view tail;
    sqlite::Statement stmt(db_.get(), sql, tail);
    sql = tail;
    if (stmt.empty())
      continue;  // only whitespace or comments were left
    stmt.bind_all(params);
    while (stmt.step()) {
    }
    changed += sqlite3_changes64(db_.get());
    // One statement with parameters is likely to run again: keep it prepared.
    const bool only = first && sql.find_first_not_of(" \t\r\n") == std::string_view::npos;
    if (only && !params.empty() && cache_.size() < 256) {
      stmt.reset();
      cache_.emplace(std::string(whole), std::make_unique<sqlite::Statement>(std::move(stmt)));
    }
    first = false;
  }
  return changed;
}

Table SqliteWarehouse::query(std::string_view sql, const std::vector<Value>& params) {
  sqlite::Statement& stmt = cached(sql);
  stmt.bind_all(params);
  return rows_of(stmt);
}

namespace {

// Prepares a statement of someone else's SQL: one SQLite cannot prepare is their
// error (WarehouseStatementError), at its offset in the whole text.
sqlite::Statement prepare_theirs(sqlite3* db, std::string_view whole, std::string_view sql,
                                 std::string_view& tail) {
  try {
    return sqlite::Statement(db, sql, tail);
  } catch (const WarehouseBusy&) {
    throw;
  } catch (const WarehouseUnavailable&) {
    throw;
  } catch (const WarehouseError&) {
    const int offset = sqlite3_error_offset(db);
    const auto start = static_cast<std::size_t>(sql.data() - whole.data());
    throw WarehouseStatementError(
        sqlite3_errmsg(db),
        offset < 0 ? std::nullopt : std::optional(start + static_cast<std::size_t>(offset)));
  }
}

}  // namespace

Table SqliteWarehouse::query_read_only(std::string_view sql, const std::vector<Value>& params) {
  std::string_view tail;
  sqlite::Statement stmt = prepare_theirs(db_.get(), sql, sql, tail);
  if (stmt.empty())
    throw WarehouseQueryRejected("no SQL statement given");
  for (std::string_view rest = tail; !rest.empty();) {
    // Only comments and ';' may follow.
    const sqlite::Statement next = prepare_theirs(db_.get(), sql, rest, rest);
    if (!next.empty())
      throw WarehouseQueryRejected("only one SQL statement at a time");
  }
  if (sqlite3_stmt_readonly(stmt.get()) == 0) {
    throw WarehouseQueryRejected("only statements that read are allowed (SELECT, WITH, ...)");
  }
  const bool own_transaction = sqlite3_get_autocommit(db_.get()) != 0;
  if (own_transaction)
    execute("BEGIN DEFERRED");
  try {
    stmt.bind_all(params);
    Table table = rows_of(stmt);
    if (own_transaction)
      execute("COMMIT");
    return table;
  } catch (...) {
    if (own_transaction)
      rollback();
    throw;
  }
}

Table SqliteWarehouse::rows_of(sqlite::Statement& stmt) {
  Table table;
  const int columns = sqlite3_column_count(stmt.get());
  for (int i = 0; i < columns; ++i)
    table.columns.emplace_back(sqlite3_column_name(stmt.get(), i));
  while (stmt.step()) {
    std::vector<Value> row;
    row.reserve(static_cast<std::size_t>(columns));
    for (int i = 0; i < columns; ++i)
      row.push_back(stmt.column(i));
    table.rows.push_back(std::move(row));
  }
  stmt.reset();
  return table;
}

std::unique_ptr<StagingWriter> SqliteWarehouse::open_staging(std::int64_t batch_id,
                                                             const std::string& staged_at,
                                                             StagedRows rows,
                                                             WritePath /*path: no bulk path*/) {
  return std::make_unique<SqliteStagingWriter>(*this, batch_id, staged_at, rows);
}

}  // namespace sparkify
