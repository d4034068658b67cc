// Reads a SQLite warehouse file from a test, independently of the product's engine code
// (and changes one behind the product's back: sqlite_execute).
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "tests/support/warehouse_tables.hpp"

namespace sparkify::testing {

class SqliteReader {
 public:
  explicit SqliteReader(const std::filesystem::path& path) {
    if (sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
      throw std::runtime_error("cannot open " + path.string());
    }
    sqlite3_busy_timeout(db_, 10'000);  // a writer may be checkpointing
  }
  ~SqliteReader() { sqlite3_close_v2(db_); }
  SqliteReader(const SqliteReader&) = delete;
  SqliteReader& operator=(const SqliteReader&) = delete;

  // Every row of a query, each cell as text ("NULL" for null), cells joined by '|'.
  std::vector<std::string> rows(const std::string& sql) const {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK) {
      throw std::runtime_error(std::string("bad test SQL: ") + sqlite3_errmsg(db_));
    }
    std::vector<std::string> out;
    int rc = SQLITE_OK;
    while ((rc = sqlite3_step(stmt)) == SQLITE_ROW) {
      std::string row;
      for (int i = 0; i < sqlite3_column_count(stmt); ++i) {
        if (i > 0)
          row += '|';
        const auto* text = sqlite3_column_text(stmt, i);
        row += text ? reinterpret_cast<const char*>(text) : "NULL";
      }
      out.push_back(row);
    }
    sqlite3_finalize(stmt);
    finished(rc, sql);
    return out;
  }

  std::int64_t count(const std::string& sql) const { return std::stoll(rows(sql).at(0)); }

  // Every table of the warehouse in a canonical order, without the columns that
  // record wall-clock times, one line per row: what two equal warehouses share.
  std::vector<std::string> canonical_dump() const {
    std::vector<std::string> out;
    for (const auto& [table, order] : kWarehouseTables) {
      sqlite3_stmt* stmt = nullptr;
      const std::string sql = "SELECT * FROM " + table_source(table) + " ORDER BY " + order;
      if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK) {
        throw std::runtime_error(std::string("bad dump SQL: ") + sqlite3_errmsg(db_));
      }
      while (sqlite3_step(stmt) == SQLITE_ROW) {
        std::string row = table;
        for (int i = 0; i < sqlite3_column_count(stmt); ++i) {
          const std::string name = sqlite3_column_name(stmt, i);
          if (name == "staged_at" || name == "loaded_at" || name == "rejected_at" ||
              name == "started_at" || name == "finished_at") {
            continue;
          }
          const auto* text = sqlite3_column_text(stmt, i);
          row += '|';
          row += text ? reinterpret_cast<const char*>(text) : "NULL";
        }
        out.push_back(row);
      }
      finished(sqlite3_finalize(stmt), sql);
    }
    return out;
  }

 private:
  // A query that stopped before its last row (busy past the timeout, say) fails the
  // test with SQLite's reason instead of returning the rows read so far.
  void finished(int rc, const std::string& sql) const {
    if (rc != SQLITE_DONE && rc != SQLITE_OK)
      throw std::runtime_error("test SQL failed (" + sql + "): " + sqlite3_errmsg(db_));
  }

  sqlite3* db_ = nullptr;
};

// Runs SQL on a warehouse file as someone with write access would (foreign keys
// off); returns SQLite's error message, empty on success.
inline std::string sqlite_execute(const std::filesystem::path& path, const std::string& sql) {
  sqlite3* db = nullptr;
  if (sqlite3_open(path.c_str(), &db) != SQLITE_OK) {
    sqlite3_close(db);
    return "cannot open " + path.string();
  }
  sqlite3_busy_timeout(db, 10'000);  // a reader or writer may hold the file a moment
  char* error = nullptr;
  const int rc = sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error);
  std::string message = rc == SQLITE_OK ? "" : (error ? error : "error " + std::to_string(rc));
  sqlite3_free(error);
  sqlite3_close(db);
  return message;
}

}  // namespace sparkify::testing
