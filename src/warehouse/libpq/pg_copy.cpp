#include "warehouse/libpq/pg_copy.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <iterator>

#include "warehouse/libpq/pg_error.hpp"
#include "warehouse/libpq/pg_values.hpp"
#include "warehouse/warehouse.hpp"

namespace sparkify::pg {

void append_copy_text(std::string& out, std::string_view field) {
  // Copy runs of ordinary bytes at once; escape the four special ones.
  std::size_t start = 0;
  for (std::size_t i = 0; i < field.size(); ++i) {
    const char c = field[i];
    const char* escape = nullptr;
    switch (c) {
      case '\\':
        escape = "\\\\";
        break;
      case '\t':
        escape = "\\t";
        break;
      case '\n':
        escape = "\\n";
        break;
      case '\r':
        escape = "\\r";
        break;
      case '\0':
        throw WarehouseError(
            "postgresql: a text field contains a NUL byte, which PostgreSQL cannot store");
      default:
        continue;
    }
    out.append(field.substr(start, i - start));
    out.append(escape);
    start = i + 1;
  }
  out.append(field.substr(start));
}

void CopyRows::separator() {
  if (in_row_)
    data_.push_back('\t');
  in_row_ = true;
}

void CopyRows::text(std::string_view v) {
  separator();
  append_copy_text(data_, v);
}

void CopyRows::integer(std::int64_t v) {
  separator();
  fmt::format_to(std::back_inserter(data_), "{}", v);
}

void CopyRows::real(double v) {
  separator();
  data_.append(double_to_text(v));
}

void CopyRows::null() {
  separator();
  data_.append("\\N");
}

void CopyRows::value(const Value& v) {
  struct Visitor {
    CopyRows& w;
    void operator()(std::monostate) const { w.null(); }
    void operator()(std::int64_t i) const { w.integer(i); }
    void operator()(double d) const { w.real(d); }
    void operator()(const std::string& s) const { w.text(s); }
  };
  std::visit(Visitor{*this}, v);
}

void CopyRows::end_row() {
  data_.push_back('\n');
  in_row_ = false;
  ++rows_;
}

void CopyRows::clear() noexcept {
  data_.clear();
  rows_ = 0;
  in_row_ = false;
}

std::int64_t copy_rows(Connection& conn, std::string_view copy_statement, const CopyRows& rows) {
  if (rows.in_row())
    throw WarehouseError("postgresql: COPY data ends in the middle of a row");
  CopyWriter writer(conn, copy_statement, 0);
  constexpr std::size_t kChunk = 1 << 20;
  const std::string& data = rows.data();
  for (std::size_t at = 0; at < data.size(); at += kChunk) {
    const auto n = std::min(kChunk, data.size() - at);
    if (PQputCopyData(conn.native(), data.data() + at, static_cast<int>(n)) != 1) {
      writer.abort();
      throw_connection_error(conn.native(), "COPY data");
    }
  }
  return writer.finish();
}

CopyWriter::CopyWriter(Connection& conn, std::string_view copy_statement, std::size_t buffer_bytes)
    : conn_(conn), buffer_bytes_(buffer_bytes) {
  const std::string text(copy_statement);
  Result r(PQexec(conn_.native(), text.c_str()));
  if (!r || r.status() != PGRES_COPY_IN)
    throw_result_error(conn_.native(), r.get(), "COPY");
  active_ = true;
  if (buffer_bytes_ > 0)
    buffer_.reserve(buffer_bytes_ + 4096);
}

CopyWriter::~CopyWriter() {
  abort();
}

void CopyWriter::end_row() {
  buffer_.end_row();
  if (buffer_bytes_ > 0 && buffer_.data().size() >= buffer_bytes_)
    send();
}

void CopyWriter::row(std::span<const Value> values) {
  for (const auto& v : values)
    value(v);
  end_row();
}

void CopyWriter::send() {
  if (buffer_.data().empty())
    return;
  if (PQputCopyData(conn_.native(), buffer_.data().data(),
                    static_cast<int>(buffer_.data().size())) != 1) {
    active_ = false;
    throw_connection_error(conn_.native(), "COPY data");
  }
  rows_ += buffer_.rows();
  buffer_.clear();
}

std::int64_t CopyWriter::finish() {
  if (!active_)
    throw WarehouseError("postgresql: COPY already ended");
  if (buffer_.in_row())
    throw WarehouseError("postgresql: COPY finished in the middle of a row");
  send();
  active_ = false;
  if (PQputCopyEnd(conn_.native(), nullptr) != 1) {
    throw_connection_error(conn_.native(), "ending COPY");
  }
  Result r(PQgetResult(conn_.native()));
  // Drain any further results so the connection is ready for the next command.
  while (true) {
    Result extra(PQgetResult(conn_.native()));
    if (!extra)
      break;
  }
  if (!r || r.status() != PGRES_COMMAND_OK)
    throw_result_error(conn_.native(), r.get(), "COPY");
  return r.rows_affected();
}

void CopyWriter::abort(const char* reason) noexcept {
  if (!active_)
    return;
  active_ = false;
  buffer_.clear();
  if (PQputCopyEnd(conn_.native(), reason) == 1) {
    while (true) {
      Result r(PQgetResult(conn_.native()));
      if (!r)
        break;
    }
  }
}

}  // namespace sparkify::pg
