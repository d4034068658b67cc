// Builds `INSERT ... VALUES (...), (...), ...;` statements no longer than a byte
// limit (Redshift's is 16 MB per statement). Values become text only through
// redshift::append_literal. A row that cannot fit even alone throws.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/table.hpp"

namespace sparkify::redshift {

class MultiRowInsert {
 public:
  // prefix: "INSERT INTO t (a, b) VALUES" (whitespace at its end is dropped).
  // send: runs one complete statement.
  MultiRowInsert(std::string_view prefix, std::size_t max_statement_bytes,
                 std::function<void(const std::string&)> send);

  // Adds one row; sends the statement built so far first when the row would
  // make it longer than the limit.
  void add(const std::vector<Value>& row);
  // Sends what is pending, if anything.
  void flush();

  std::size_t pending_rows() const { return rows_; }
  std::size_t statements_sent() const { return sent_; }
  std::size_t rows_sent() const { return rows_sent_; }

 private:
  std::string prefix_;
  std::size_t max_bytes_;
  std::function<void(const std::string&)> send_;
  std::string statement_;
  std::string row_;  // reused buffer for one formatted row
  std::size_t rows_ = 0;
  std::size_t sent_ = 0;
  std::size_t rows_sent_ = 0;
};

}  // namespace sparkify::redshift
