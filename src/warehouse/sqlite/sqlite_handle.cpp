#include "warehouse/sqlite/sqlite_handle.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>

#include "warehouse/warehouse.hpp"

namespace sparkify::sqlite {

void throw_error(sqlite3* db, int code, std::string_view what) {
  const std::string message =
      fmt::format("SQLite: {}: {}", what, db ? sqlite3_errmsg(db) : sqlite3_errstr(code));
  const int primary = code & 0xFF;
  if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) {
    throw WarehouseBusy(message + " (another process is writing to the warehouse)");
  }
  if (primary == SQLITE_CANTOPEN || primary == SQLITE_IOERR || primary == SQLITE_FULL ||
      primary == SQLITE_READONLY) {
    throw WarehouseUnavailable(message);
  }
  throw WarehouseError(message);
}

Statement::Statement(sqlite3* db, std::string_view sql) : db_(db) {
  std::string_view tail;
  *this = Statement(db, sql, tail);
}

Statement::Statement(sqlite3* db, std::string_view sql, std::string_view& tail) : db_(db) {
  sqlite3_stmt* stmt = nullptr;
  const char* end = nullptr;
  const int rc = sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()),
                                    SQLITE_PREPARE_PERSISTENT, &stmt, &end);
  if (rc != SQLITE_OK) {
    throw_error(db, rc, fmt::format("preparing \"{}\"", sql.substr(0, 120)));
  }
  stmt_.reset(stmt);
  tail = sql.substr(static_cast<std::size_t>(end - sql.data()));
  number_parameters();
}

void Statement::number_parameters() {
  const int count = sqlite3_bind_parameter_count(stmt_.get());
  for (int i = 1; i <= count; ++i) {
    const char* name = sqlite3_bind_parameter_name(stmt_.get(), i);
    int number = i;  // an anonymous ?, or ?N (whose slot is N)
    if (name != nullptr && (name[0] == '$' || name[0] == '?')) {
      const std::string_view digits(name + 1);
      const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), number);
      if (ec != std::errc{} || end != digits.data() + digits.size() || number < 1)
        throw WarehouseError(fmt::format("SQLite: parameter {} is not numbered", name));
    } else if (name != nullptr) {
      throw WarehouseError(fmt::format("SQLite: parameter {} is not numbered", name));
    }
    if (slots_.size() < static_cast<std::size_t>(number))
      slots_.resize(static_cast<std::size_t>(number), 0);
    slots_[static_cast<std::size_t>(number - 1)] = i;
  }
}

int Statement::slot(int n) const {
  return n >= 1 && static_cast<std::size_t>(n) <= slots_.size()
             ? slots_[static_cast<std::size_t>(n - 1)]
             : 0;
}

void Statement::reset() {
  sqlite3_reset(stmt_.get());
  sqlite3_clear_bindings(stmt_.get());
}

void Statement::bind_all(const std::vector<Value>& values) {
  const auto count = std::min(slots_.size(), values.size());
  for (std::size_t n = 1; n <= count; ++n)
    bind(static_cast<int>(n), values[n - 1]);
}

void Statement::bind(int index, const Value& value) {
  struct Binder {
    Statement& s;
    int i;
    void operator()(std::monostate) const { s.bind_null(i); }
    void operator()(std::int64_t v) const { s.bind_int(i, v); }
    void operator()(double v) const { s.bind_double(i, v); }
    void operator()(const std::string& v) const { s.bind_text(i, v); }
  };
  std::visit(Binder{*this, index}, value);
}

void Statement::bind_null(int index) {
  sqlite3_bind_null(stmt_.get(), slot(index));
}
void Statement::bind_int(int index, std::int64_t value) {
  sqlite3_bind_int64(stmt_.get(), slot(index), value);
}
void Statement::bind_double(int index, double value) {
  sqlite3_bind_double(stmt_.get(), slot(index), value);
}
void Statement::bind_text(int index, std::string_view text) {
  sqlite3_bind_text64(stmt_.get(), slot(index), text.data(), text.size(), SQLITE_STATIC,
                      SQLITE_UTF8);
}

bool Statement::step() {
  const int rc = sqlite3_step(stmt_.get());
  if (rc == SQLITE_ROW)
    return true;
  if (rc == SQLITE_DONE)
    return false;
  throw_error(
      db_, rc,
      fmt::format("running \"{}\"", std::string_view(sqlite3_sql(stmt_.get())).substr(0, 160)));
}

Value Statement::column(int index) const {
  switch (sqlite3_column_type(stmt_.get(), index)) {
    case SQLITE_INTEGER:
      return Value{std::int64_t{sqlite3_column_int64(stmt_.get(), index)}};
    case SQLITE_FLOAT:
      return Value{sqlite3_column_double(stmt_.get(), index)};
    case SQLITE_TEXT:
    case SQLITE_BLOB: {
      const auto* data = static_cast<const char*>(sqlite3_column_blob(stmt_.get(), index));
      const int size = sqlite3_column_bytes(stmt_.get(), index);
      return Value{std::string(data ? data : "", static_cast<std::size_t>(size))};
    }
    default:
      return Value{};
  }
}

}  // namespace sparkify::sqlite
