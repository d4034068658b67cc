// One PostgreSQL connection, libpq used directly behind RAII types.
//
// Why not libpqxx: Debian 12 ships libpqxx 6.4.5, a C++17-era API whose
// stream_from reads uninitialised memory and fails at random (3-6 of 10 runs
// here), takes no std::string_view and needs -DPQXX_HAVE_OPTIONAL=1 for
// std::optional. The part of libpq we need (PQexecParams, PQputCopyData,
// PQgetvalue, SQLSTATE fields) is small, so a thin wrapper is simpler and safer.
#pragma once

#include <libpq-fe.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/table.hpp"
#include "warehouse/libpq/pg_result.hpp"

namespace sparkify::pg {

// What every PostgreSQL session runs first: ISO dates, UTC times, floats printed
// with round-trip precision.
inline constexpr std::string_view kPostgresSessionSetup =
    "SET DateStyle = 'ISO, YMD'; SET TimeZone = 'UTC'; SET IntervalStyle = 'postgres'; "
    "SET extra_float_digits = 1";

struct ConnectionDeleter {
  void operator()(PGconn* c) const noexcept { PQfinish(c); }
};

class Connection {
 public:
  // Connects with a libpq URI ("postgresql://user@host:5432/db") or keyword string
  // ("host=... dbname=..."); empty means libpq's defaults. libpq's environment
  // variables (PGHOST, PGPASSWORD, ...) and ~/.pgpass apply as for psql. A
  // connect_timeout of 10 s applies unless the string sets one.
  // Throws WarehouseError for a malformed string or a missing/refused password,
  // WarehouseUnavailable when the server cannot be reached. Messages carry the
  // string with its password redacted.
  explicit Connection(const std::string& conninfo);
  // The same, with the statements that set up the session instead of
  // kPostgresSessionSetup (Redshift accepts fewer settings).
  Connection(const std::string& conninfo, std::string_view session_setup);

  Connection(Connection&&) noexcept = default;
  Connection& operator=(Connection&&) noexcept = default;
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  ~Connection() = default;

  PGconn* native() const noexcept { return conn_.get(); }
  // "postgresql://user@host:port/db" of the live connection; never a password.
  std::string describe() const;
  // Whether libpq still considers the connection usable.
  bool ok() const noexcept;
  // The server's version as libpq reports it (150004 for 15.4).
  int server_version() const noexcept { return PQserverVersion(conn_.get()); }
  // The server process id of this session (for pg_terminate_backend in tests, logs).
  int backend_pid() const noexcept { return PQbackendPID(conn_.get()); }

  // Runs one or more statements without parameters (simple protocol). Returns
  // the sum of the rows each statement changed. On an error, every result is
  // still drained before throwing, so the connection stays usable.
  std::int64_t execute_script(std::string_view sql);

  // Runs one statement with positional parameters $1.. sent in text format,
  // separately from the SQL text. `what` names the statement in messages.
  Result execute_params(std::string_view sql, const std::vector<Value>& params,
                        std::string_view what = "statement");
  // execute_params, returning the rows changed.
  std::int64_t execute(std::string_view sql, const std::vector<Value>& params = {});
  // execute_params, returning the rows.
  Table query(std::string_view sql, const std::vector<Value>& params = {});

  void begin();
  // Throws WarehouseError when the server rolled the transaction back instead
  // (an earlier statement failed).
  void commit();
  void rollback();
  // Rolls back if a transaction is open; never throws (for destructors).
  void rollback_quietly() noexcept;
  bool in_transaction() const noexcept;

  // Session-level advisory lock: held until unlocked or the connection closes.
  // Returns false at once when another session holds it.
  bool try_advisory_lock(std::int64_t key);
  void advisory_unlock(std::int64_t key);

 private:
  std::unique_ptr<PGconn, ConnectionDeleter> conn_;
  std::string redacted_;  // the connection string without its password, for messages
};

// A stable 64-bit advisory-lock key for a name (FNV-1a), the same on every build.
constexpr std::int64_t advisory_lock_key(std::string_view name) {
  std::uint64_t h = 14695981039346656037ULL;
  for (char c : name) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ULL;
  }
  return static_cast<std::int64_t>(h);
}

// Commits on commit(); rolls back on destruction otherwise.
class Transaction {
 public:
  explicit Transaction(Connection& conn) : conn_(conn) { conn_.begin(); }
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  ~Transaction() {
    if (!done_)
      conn_.rollback_quietly();
  }
  void commit() {
    done_ = true;
    conn_.commit();
  }

 private:
  Connection& conn_;
  bool done_ = false;
};

}  // namespace sparkify::pg
