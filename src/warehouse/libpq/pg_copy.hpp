// Streams rows into PostgreSQL with COPY ... FROM STDIN, buffered and sent with
// PQputCopyData: the fast path for staging.
//
// Text format: fields separated by a tab, rows ended by a newline, NULL written
// as \N, and backslash, tab, newline and carriage return escaped as \\ \t \n \r.
// Binary format (rows made with the columns' types): a field count per row, then
// each field as its length and the type's network-order bytes (-1 for NULL). The
// server parses no text: a server-side COPY of large's 2 million staged events from a
// file took 4.6-5.8 s in binary against 6.2-7.3 s as text, and in first loads of large
// (four each, alternating) staging the events took 8.5-9.8 s against 10.6-13.3 s.
// PostgreSQL text cannot hold a NUL byte: such a field throws WarehouseError (the
// parsers turn such input into a Reject before it gets here, so a NUL reaching
// this writer is a bug upstream, not a data problem to paper over).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/table.hpp"
#include "warehouse/libpq/pg_connection.hpp"

namespace sparkify::pg {

// Appends one field in COPY text format (escaped; no separator). Throws
// WarehouseError on a NUL byte.
void append_copy_text(std::string& out, std::string_view field);

// The column types a binary COPY can write. A text field goes into a text column
// as it is and into a timestamptz one as the UTC time it spells ("YYYY-MM-DD
// HH:MM:SS.mmm", core/clock.hpp); an integer into int2, int4, int8 or boolean (0 or
// 1); a real into float8. Any other pairing is a bug and throws WarehouseError.
enum class CopyType { int2, int4, int8, float8, boolean, text, timestamptz };

// The CopyType of a column by its type's name as format_type() gives it ("bigint",
// "character varying(32)", ...); nullopt for a type binary COPY here does not write.
std::optional<CopyType> copy_type(std::string_view type_name);

// Rows for a COPY, built in memory (the part of a COPY that needs no connection):
// in text format, or in binary format for the given column types. Field methods
// append one field; end_row() ends the row.
class CopyRows {
 public:
  CopyRows() = default;
  explicit CopyRows(std::vector<CopyType> binary_columns);

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

  bool binary() const noexcept { return !columns_.empty(); }
  const std::string& data() const noexcept { return data_; }
  std::int64_t rows() const noexcept { return rows_; }
  bool in_row() const noexcept { return in_row_; }
  void clear() noexcept;
  void reserve(std::size_t bytes) { data_.reserve(bytes); }

 private:
  void separator();
  void start_binary_row();
  CopyType next_binary_field();
  void binary_field(std::string_view bytes);
  template <typename Int>
  void binary_number(Int v);

  std::vector<CopyType> columns_;  // empty: text format
  std::size_t column_ = 0;         // binary: the field the next value fills
  std::string data_;
  std::int64_t rows_ = 0;
  bool in_row_ = false;
};

// What a binary COPY's data starts and ends with.
std::string_view binary_copy_header();
std::string_view binary_copy_trailer();

// Runs copy_statement ("COPY table (columns) FROM STDIN", with "(FORMAT binary)"
// for binary rows) with complete rows; returns the rows the server stored.
std::int64_t copy_rows(Connection& conn, std::string_view copy_statement, const CopyRows& rows);

class CopyWriter {
 public:
  inline static constexpr std::size_t kDefaultBufferBytes = 256 * 1024;

  // Starts the COPY: copy_statement is "COPY table (columns) FROM STDIN" (text
  // format, the default). Throws like Connection::execute.
  CopyWriter(Connection& conn, std::string_view copy_statement,
             std::size_t buffer_bytes = kDefaultBufferBytes);
  // The same in binary format for the given column types (none: text format), when
  // copy_statement ends with "(FORMAT binary)".
  CopyWriter(Connection& conn, std::string_view copy_statement,
             std::vector<CopyType> binary_columns, std::size_t buffer_bytes = kDefaultBufferBytes);
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
  // Sends bytes of the COPY's data as they are (rows made elsewhere).
  void put(std::string_view data);

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
