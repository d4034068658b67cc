// RAII owners of SQLite's connection and statement handles, and the checks that
// turn SQLite result codes into the warehouse's error classes.
#pragma once

#include <sqlite3.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/table.hpp"

namespace sparkify::sqlite {

struct DbCloser {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
struct StatementFinalizer {
  void operator()(sqlite3_stmt* stmt) const { sqlite3_finalize(stmt); }
};
using DbHandle = std::unique_ptr<sqlite3, DbCloser>;

// Throws WarehouseBusy for SQLITE_BUSY/SQLITE_LOCKED and WarehouseError otherwise.
[[noreturn]] void throw_error(sqlite3* db, int code, std::string_view what);

// A prepared statement, reset and re-bound for each use.
class Statement {
 public:
  Statement(sqlite3* db, std::string_view sql);
  // Prepares the first statement of sql; tail receives the rest.
  Statement(sqlite3* db, std::string_view sql, std::string_view& tail);

  bool empty() const { return stmt_ == nullptr; }
  sqlite3_stmt* get() const { return stmt_.get(); }

  void reset();
  // Binds positional parameters from values (only those the statement has). A
  // parameter is numbered as written: ?N in SQLite's style or $N in PostgreSQL's
  // (the portable statements use $N), an anonymous ? by its position. One statement
  // uses one style: SQLite gives ?N the slot N, which a $M before it may hold.
  void bind_all(const std::vector<Value>& values);
  // The bind functions take that number, not SQLite's slot.
  void bind(int index, const Value& value);
  void bind_null(int index);
  void bind_int(int index, std::int64_t value);
  void bind_double(int index, double value);
  // The text must stay alive until the statement is stepped.
  void bind_text(int index, std::string_view text);
  template <typename T>
  void bind_optional(int index, const std::optional<T>& value) {
    if (!value) {
      bind_null(index);
    } else if constexpr (std::is_same_v<T, std::string>) {
      bind_text(index, *value);
    } else if constexpr (std::is_floating_point_v<T>) {
      bind_double(index, *value);
    } else {
      bind_int(index, *value);
    }
  }

  // Steps once: true when a row is available.
  bool step();
  Value column(int index) const;

 private:
  void number_parameters();
  // SQLite's slot of parameter number n (1-based), 0 when the statement has none.
  int slot(int n) const;

  sqlite3* db_;
  std::unique_ptr<sqlite3_stmt, StatementFinalizer> stmt_;
  std::vector<int> slots_;  // slots_[n - 1]: the slot of parameter number n
};

}  // namespace sparkify::sqlite
