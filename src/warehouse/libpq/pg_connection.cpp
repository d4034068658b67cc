#include "warehouse/libpq/pg_connection.hpp"

#include <fmt/format.h>

#include <optional>

#include "warehouse/libpq/pg_error.hpp"
#include "warehouse/libpq/pg_redact.hpp"
#include "warehouse/libpq/pg_values.hpp"
#include "warehouse/warehouse.hpp"

namespace sparkify::pg {
namespace {

struct ConninfoOptionsDeleter {
  void operator()(PQconninfoOption* o) const noexcept { PQconninfoFree(o); }
};
struct FreeMemDeleter {
  void operator()(char* p) const noexcept { PQfreemem(p); }
};

// libpq's parse errors quote pieces of the string, which may be a password:
// drop every quoted piece and keep only the reason.
std::string unquoted(std::string_view message) {
  std::string out;
  bool in_quote = false;
  for (char c : message) {
    if (c == '"') {
      if (!in_quote)
        out.append("\"...\"");
      in_quote = !in_quote;
    } else if (!in_quote && c != '\n') {
      out.push_back(c);
    }
  }
  return out;
}

// Rejects a malformed string before libpq gets to echo pieces of it.
void validate(const std::string& conninfo, const std::string& redacted) {
  if (!is_conninfo_uri(conninfo) && conninfo.find('=') == std::string::npos) {
    return;  // empty, or a bare database name: nothing to parse
  }
  char* raw_error = nullptr;
  std::unique_ptr<PQconninfoOption, ConninfoOptionsDeleter> options(
      PQconninfoParse(conninfo.c_str(), &raw_error));
  std::unique_ptr<char, FreeMemDeleter> error(raw_error);
  if (!options) {
    throw WarehouseError(fmt::format("postgresql: invalid connection string '{}': {}", redacted,
                                     error ? unquoted(error.get()) : "out of memory"));
  }
}

void discard_notice(void* /*arg*/, const char* /*message*/) {}

}  // namespace

Connection::Connection(const std::string& conninfo) : Connection(conninfo, kPostgresSessionSetup) {}

Connection::Connection(const std::string& conninfo, std::string_view session_setup)
    : redacted_(redact_conninfo(conninfo)) {
  validate(conninfo, redacted_);
  // Defaults first: values from the expanded dbname (the user's string) win.
  const char* keys[] = {"connect_timeout", "fallback_application_name", "dbname", nullptr};
  const char* values[] = {"10", "sparkify-dwh", conninfo.c_str(), nullptr};
  conn_.reset(PQconnectdbParams(keys, values, /*expand_dbname=*/1));
  if (!conn_)
    throw WarehouseUnavailable("postgresql: out of memory while connecting");
  if (PQstatus(conn_.get()) != CONNECTION_OK) {
    std::string reason = PQerrorMessage(conn_.get());
    while (!reason.empty() && (reason.back() == '\n' || reason.back() == ' '))
      reason.pop_back();
    for (auto& c : reason) {
      if (c == '\n')
        c = ' ';
    }
    const auto message = fmt::format("postgresql: cannot connect to '{}': {}", redacted_, reason);
    // A missing or refused password (or any failure after authentication started)
    // will not go away by retrying: a configuration error, not an outage.
    if (PQconnectionNeedsPassword(conn_.get()) != 0 || PQconnectionUsedPassword(conn_.get()) != 0) {
      throw WarehouseError(message);
    }
    throw WarehouseUnavailable(message);
  }
  PQsetNoticeProcessor(conn_.get(), discard_notice, nullptr);
  if (PQsetClientEncoding(conn_.get(), "UTF8") != 0) {
    throw_connection_error(conn_.get(), "setting client_encoding");
  }
  // A predictable session whatever the server's defaults.
  execute_script(session_setup);
}

std::string Connection::describe() const {
  PGconn* c = conn_.get();
  const std::string_view host = PQhost(c) != nullptr ? PQhost(c) : "";
  return fmt::format("postgresql://{}@{}:{}/{}", PQuser(c),
                     host.starts_with('/') ? fmt::format("[{}]", host) : std::string(host),
                     PQport(c), PQdb(c));
}

bool Connection::ok() const noexcept {
  return conn_ && PQstatus(conn_.get()) == CONNECTION_OK;
}

std::int64_t Connection::execute_script(std::string_view sql) {
  const std::string text(sql);
  if (PQsendQuery(conn_.get(), text.c_str()) == 0) {
    throw_connection_error(conn_.get(), "sending SQL");
  }
  std::int64_t changed = 0;
  Result failed;
  while (true) {
    Result r(PQgetResult(conn_.get()));
    if (!r)
      break;
    switch (r.status()) {
      case PGRES_COMMAND_OK:
      case PGRES_TUPLES_OK:
      case PGRES_EMPTY_QUERY:
        changed += r.rows_affected();
        break;
      case PGRES_COPY_IN:
        PQputCopyEnd(conn_.get(), "COPY FROM STDIN is not supported in a script");
        break;
      default:
        if (!failed)
          failed = std::move(r);
        break;
    }
  }
  if (failed)
    throw_result_error(conn_.get(), failed.get(), "SQL script");
  return changed;
}

Result Connection::execute_params(std::string_view sql, const std::vector<Value>& params,
                                  std::string_view what) {
  std::vector<std::optional<std::string>> texts;
  texts.reserve(params.size());
  for (const auto& p : params)
    texts.push_back(to_param_text(p));
  std::vector<const char*> pointers;
  pointers.reserve(texts.size());
  for (const auto& t : texts)
    pointers.push_back(t ? t->c_str() : nullptr);

  const std::string text(sql);
  Result r(PQexecParams(conn_.get(), text.c_str(), static_cast<int>(pointers.size()),
                        /*paramTypes=*/nullptr, pointers.data(), /*paramLengths=*/nullptr,
                        /*paramFormats=*/nullptr, /*resultFormat=*/0));
  if (!r || (r.status() != PGRES_COMMAND_OK && r.status() != PGRES_TUPLES_OK)) {
    throw_result_error(conn_.get(), r.get(), what);
  }
  return r;
}

std::int64_t Connection::execute(std::string_view sql, const std::vector<Value>& params) {
  return execute_params(sql, params).rows_affected();
}

Table Connection::query(std::string_view sql, const std::vector<Value>& params) {
  return execute_params(sql, params, "query").to_table();
}

void Connection::begin() {
  execute_script("BEGIN");
}

void Connection::commit() {
  Result r(PQexec(conn_.get(), "COMMIT"));
  if (!r || r.status() != PGRES_COMMAND_OK)
    throw_result_error(conn_.get(), r.get(), "COMMIT");
  // COMMIT of a failed transaction "succeeds" with the tag ROLLBACK.
  if (std::string_view(PQcmdStatus(r.get())) == "ROLLBACK") {
    throw WarehouseError(
        "postgresql: COMMIT failed: the transaction had failed and was rolled back");
  }
}

void Connection::rollback() {
  execute_script("ROLLBACK");
}

void Connection::rollback_quietly() noexcept {
  if (!ok() || PQtransactionStatus(conn_.get()) == PQTRANS_IDLE)
    return;
  PQclear(PQexec(conn_.get(), "ROLLBACK"));
}

bool Connection::in_transaction() const noexcept {
  const auto s = PQtransactionStatus(conn_.get());
  return s == PQTRANS_INTRANS || s == PQTRANS_INERROR || s == PQTRANS_ACTIVE;
}

bool Connection::try_advisory_lock(std::int64_t key) {
  const auto t = query("SELECT pg_try_advisory_lock($1::bigint)", {Value{key}});
  return !t.rows.empty() && to_int(t.rows[0][0]) == 1;
}

void Connection::advisory_unlock(std::int64_t key) {
  execute_params("SELECT pg_advisory_unlock($1::bigint)", {Value{key}}, "advisory unlock");
}

}  // namespace sparkify::pg
