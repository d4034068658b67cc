// Streams rows into PostgreSQL with COPY ... FROM STDIN (text format), buffered
// and sent with PQputCopyData: the fast path for staging.
//
// Text format: fields separated by a tab, rows ended by a newline, NULL written
// as \N, and backslash, tab, newline and carriage return escaped as \\ \t \n \r.
// PostgreSQL text cannot hold a NUL byte: such a field throws WarehouseError (the
// parsers turn such input into a Reject before it gets here, so a NUL reaching
// this writer is a bug upstream, not a data problem to paper over).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "core/table.hpp"
#include "warehouse/libpq/pg_connection.hpp"

namespace sparkify::pg {

// Appends one field in COPY text format (escaped; no separator). Throws
// WarehouseError on a NUL byte.
void append_copy_text(std::string& out, std::string_view field);

// Rows in COPY text format, built in memory (the part of a COPY that needs no
// connection). Field methods append one field; end_row() ends the row.
class CopyRows {
 public:
  void text(std::string_view v);
  void text(const std::string& v) { text(std::string_view(v)); }
  void text(const char* v) { text(std::string_view(v)); }
  void text(const std::optional<std::string>& v) { v ? text(*v) : null(); }
  void integer(std::int64_t v);
  void integer(const std::optional<std::int64_t>& v) { v ? integer(*v) : null(); }
  void real(double v);
  void real(const std::optional<double>& v) { v ? real(*v) : null(); }
  void null();
  void value(const Value& v);
  void end_row();

  const std::string& data() const noexcept { return data_; }
  std::int64_t rows() const noexcept { return rows_; }
  bool in_row() const noexcept { return in_row_; }
  void clear() noexcept;
  void reserve(std::size_t bytes) { data_.reserve(bytes); }

 private:
  void separator();

  std::string data_;
  std::int64_t rows_ = 0;
  bool in_row_ = false;
};

// Runs copy_statement ("COPY table (columns) FROM STDIN") with complete rows in
// COPY text format; returns the rows the server stored.
std::int64_t copy_rows(Connection& conn, std::string_view copy_statement, const CopyRows& rows);

class CopyWriter {
 public:
  inline static constexpr std::size_t kDefaultBufferBytes = 256 * 1024;

  // Starts the COPY: copy_statement is "COPY table (columns) FROM STDIN" (text
  // format, the default). Throws like Connection::execute.
  CopyWriter(Connection& conn, std::string_view copy_statement,
             std::size_t buffer_bytes = kDefaultBufferBytes);
  CopyWriter(const CopyWriter&) = delete;
  CopyWriter& operator=(const CopyWriter&) = delete;
  // An unfinished COPY is aborted: the server discards the statement's rows (and
  // the surrounding transaction fails, as for any failed statement).
  ~CopyWriter();

  // The fields of the current row, in column order.
  template <class T>
  void text(const T& v) {
    buffer_.text(v);
  }
  template <class T>
  void integer(const T& v) {
    buffer_.integer(v);
  }
  template <class T>
  void real(const T& v) {
    buffer_.real(v);
  }
  void null() { buffer_.null(); }
  void value(const Value& v) { buffer_.value(v); }
  // Ends the current row; sends the buffer when it is full.
  void end_row();
  // A whole row at once.
  void row(std::span<const Value> values);

  // Sends what is buffered, ends the COPY and returns the number of rows the
  // server stored. Throws on any error the server reports (constraint, bad data).
  std::int64_t finish();
  // Ends the COPY with an error so the server discards it. Never throws.
  void abort(const char* reason = "aborted by the client") noexcept;

  std::int64_t rows() const noexcept { return rows_ + buffer_.rows(); }

 private:
  void send();

  Connection& conn_;
  CopyRows buffer_;
  std::size_t buffer_bytes_;
  std::int64_t rows_ = 0;  // rows already sent
  bool active_ = false;
};

}  // namespace sparkify::pg
