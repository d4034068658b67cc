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
#include "warehouse/postgres/pg_connection.hpp"

namespace sparkify::pg {

// Appends one field in COPY text format (escaped; no separator). Throws
// WarehouseError on a NUL byte.
void append_copy_text(std::string& out, std::string_view field);

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
  // Ends the current row; sends the buffer when it is full.
  void end_row();
  // A whole row at once.
  void row(std::span<const Value> values);

  // Sends what is buffered, ends the COPY and returns the number of rows the
  // server stored. Throws on any error the server reports (constraint, bad data).
  std::int64_t finish();
  // Ends the COPY with an error so the server discards it. Never throws.
  void abort(const char* reason = "aborted by the client") noexcept;

  std::int64_t rows() const noexcept { return rows_; }

 private:
  void separator();
  void send();

  Connection& conn_;
  std::string buffer_;
  std::size_t buffer_bytes_;
  std::int64_t rows_ = 0;
  bool in_row_ = false;
  bool active_ = false;
};

}  // namespace sparkify::pg
