#include "warehouse/libpq/pg_copy.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <bit>
#include <iterator>
#include <utility>

#include "core/clock.hpp"
#include "warehouse/libpq/pg_error.hpp"
#include "warehouse/libpq/pg_values.hpp"
#include "warehouse/warehouse.hpp"

namespace sparkify::pg {

namespace {

[[noreturn]] void nul_byte() {
  throw WarehouseError(
      "postgresql: a text field contains a NUL byte, which PostgreSQL cannot store");
}

}  // namespace

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
        nul_byte();
      default:
        continue;
    }
    out.append(field.substr(start, i - start));
    out.append(escape);
    start = i + 1;
  }
  out.append(field.substr(start));
}

std::optional<CopyType> copy_type(std::string_view type_name) {
  static constexpr std::pair<std::string_view, CopyType> kTypes[] = {
      {"smallint", CopyType::int2},
      {"integer", CopyType::int4},
      {"bigint", CopyType::int8},
      {"double precision", CopyType::float8},
      {"boolean", CopyType::boolean},
      {"text", CopyType::text},
      {"timestamp with time zone", CopyType::timestamptz},
  };
  if (type_name.starts_with("character varying"))  // any length: sent as text
    return CopyType::text;
  for (const auto& [name, type] : kTypes) {
    if (name == type_name)
      return type;
  }
  return std::nullopt;
}

namespace {

// The signature "PGCOPY\n\377\r\n\0", then no flags and no header extension (two
// 32-bit zeros); the string's own terminating zero is the last of them.
constexpr char kHeader[] = "PGCOPY\n\377\r\n\0\0\0\0\0\0\0\0";
static_assert(sizeof(kHeader) == 19);
constexpr char kTrailer[2] = {'\377', '\377'};  // a field count of -1

// PostgreSQL's timestamps count microseconds from 2000-01-01 00:00:00 UTC.
constexpr std::int64_t kPostgresEpochMicros = 946'684'800'000'000;

[[noreturn]] void wrong_value(std::string_view what, std::size_t column) {
  throw WarehouseError(
      fmt::format("postgresql: binary COPY: {} for column {} of the row", what, column + 1));
}

}  // namespace

std::string_view binary_copy_header() {
  return {kHeader, sizeof(kHeader)};
}
std::string_view binary_copy_trailer() {
  return {kTrailer, sizeof(kTrailer)};
}

CopyRows::CopyRows(std::vector<CopyType> binary_columns) : columns_(std::move(binary_columns)) {}

// The binary format's numbers are in network (big-endian) order.
template <typename Int>
void CopyRows::binary_number(Int v) {
  const auto u = static_cast<std::make_unsigned_t<Int>>(v);
  for (std::size_t byte = sizeof(Int); byte-- > 0;)
    data_.push_back(static_cast<char>((u >> (8 * byte)) & 0xff));
}

// A binary row starts with its count of fields.
void CopyRows::start_binary_row() {
  binary_number(static_cast<std::int16_t>(columns_.size()));
  in_row_ = true;
  column_ = 0;
}

// Starts the next field of a binary row (the row first, for its first field) and says
// the column's type.
CopyType CopyRows::next_binary_field() {
  if (!in_row_)
    start_binary_row();
  if (column_ == columns_.size())
    wrong_value("a field beyond the last", column_);
  return columns_[column_++];
}

void CopyRows::binary_field(std::string_view bytes) {
  binary_number(static_cast<std::int32_t>(bytes.size()));
  data_.append(bytes);
}

void CopyRows::separator() {
  if (in_row_)
    data_.push_back('\t');
  in_row_ = true;
}

void CopyRows::text(std::string_view v) {
  if (!binary()) {
    separator();
    append_copy_text(data_, v);
    return;
  }
  switch (next_binary_field()) {
    case CopyType::text:
      if (v.find('\0') != std::string_view::npos)
        nul_byte();
      binary_field(v);
      return;
    case CopyType::timestamptz:
      if (const auto t = parse_utc_text(v)) {
        binary_number(std::int32_t{8});
        binary_number(std::int64_t{t->time_since_epoch().count() - kPostgresEpochMicros});
        return;
      }
      wrong_value(fmt::format("\"{}\" is not a UTC time", v), column_ - 1);
    default:
      wrong_value("text", column_ - 1);
  }
}

void CopyRows::integer(std::int64_t v) {
  if (!binary()) {
    separator();
    fmt::format_to(std::back_inserter(data_), "{}", v);
    return;
  }
  const CopyType type = next_binary_field();
  const auto fits = [v](auto narrow) { return v == static_cast<decltype(narrow)>(v); };
  if (type == CopyType::int8) {
    binary_number(std::int32_t{8});
    binary_number(v);
  } else if (type == CopyType::int4 && fits(std::int32_t{})) {
    binary_number(std::int32_t{4});
    binary_number(static_cast<std::int32_t>(v));
  } else if (type == CopyType::int2 && fits(std::int16_t{})) {
    binary_number(std::int32_t{2});
    binary_number(static_cast<std::int16_t>(v));
  } else if (type == CopyType::boolean && (v == 0 || v == 1)) {
    binary_number(std::int32_t{1});
    data_.push_back(static_cast<char>(v));
  } else {
    wrong_value(fmt::format("the integer {}", v), column_ - 1);
  }
}

void CopyRows::real(double v) {
  if (!binary()) {
    separator();
    data_.append(double_to_text(v));
    return;
  }
  if (next_binary_field() != CopyType::float8)
    wrong_value("a real number", column_ - 1);
  binary_number(std::int32_t{8});
  binary_number(std::bit_cast<std::int64_t>(v));
}

void CopyRows::null() {
  if (!binary()) {
    separator();
    data_.append("\\N");
    return;
  }
  next_binary_field();
  binary_number(std::int32_t{-1});
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
  if (binary()) {
    if (!in_row_)
      start_binary_row();  // a row without fields still says how many it should have
    if (column_ != columns_.size())
      wrong_value(fmt::format("{} fields", column_), column_);
  } else {
    data_.push_back('\n');
  }
  in_row_ = false;
  ++rows_;
}

void CopyRows::clear() noexcept {
  data_.clear();
  rows_ = 0;
  in_row_ = false;
  column_ = 0;
}

std::int64_t copy_rows(Connection& conn, std::string_view copy_statement, const CopyRows& rows) {
  if (rows.in_row())
    throw WarehouseError("postgresql: COPY data ends in the middle of a row");
  CopyWriter writer(conn, copy_statement, 0);
  constexpr std::size_t kChunk = 1 << 20;
  const std::string& data = rows.data();
  if (rows.binary())
    writer.put(binary_copy_header());
  for (std::size_t at = 0; at < data.size(); at += kChunk)
    writer.put(std::string_view(data).substr(at, kChunk));
  if (rows.binary())
    writer.put(binary_copy_trailer());
  return writer.finish();
}

CopyWriter::CopyWriter(Connection& conn, std::string_view copy_statement, std::size_t buffer_bytes)
    : CopyWriter(conn, copy_statement, {}, buffer_bytes) {}

CopyWriter::CopyWriter(Connection& conn, std::string_view copy_statement,
                       std::vector<CopyType> binary_columns, std::size_t buffer_bytes)
    : conn_(conn), buffer_(std::move(binary_columns)), buffer_bytes_(buffer_bytes) {
  const std::string text(copy_statement);
  Result r(PQexec(conn_.native(), text.c_str()));
  if (!r || r.status() != PGRES_COPY_IN)
    throw_result_error(conn_.native(), r.get(), "COPY");
  active_ = true;
  if (buffer_bytes_ > 0)
    buffer_.reserve(buffer_bytes_ + 4096);
  if (buffer_.binary())
    put(binary_copy_header());
}

// Sends bytes of the COPY's data as they are.
void CopyWriter::put(std::string_view data) {
  if (data.empty())
    return;
  if (PQputCopyData(conn_.native(), data.data(), static_cast<int>(data.size())) != 1) {
    active_ = false;
    throw_connection_error(conn_.native(), "COPY data");
  }
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
  put(buffer_.data());
  rows_ += buffer_.rows();
  buffer_.clear();
}

std::int64_t CopyWriter::finish() {
  if (!active_)
    throw WarehouseError("postgresql: COPY already ended");
  if (buffer_.in_row())
    throw WarehouseError("postgresql: COPY finished in the middle of a row");
  send();
  if (buffer_.binary())
    put(binary_copy_trailer());
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
