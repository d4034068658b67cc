#include "warehouse/redshift/redshift_warehouse.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "warehouse/embedded_sql.hpp"
#include "warehouse/redshift/redshift_staging_writer.hpp"
#include "warehouse/schema_migration.hpp"

namespace sparkify {
namespace {

// Redshift accepts these settings (no IntervalStyle). Floats are printed with
// round-trip precision, times in UTC.
constexpr std::string_view kRedshiftSession =
    "SET datestyle TO 'ISO, YMD'; SET timezone TO 'UTC'; SET extra_float_digits TO 2";

// PostgreSQL emulation (tests): string constants read as Redshift reads them.
constexpr std::string_view kEmulationSession =
    "SET DateStyle = 'ISO, YMD'; SET TimeZone = 'UTC'; SET IntervalStyle = 'postgres'; "
    "SET extra_float_digits = 1; SET standard_conforming_strings = off; "
    "SET escape_string_warning = off";

}  // namespace

std::string redshift_init_script(const redshift::RedshiftOptions& options) {
  const auto one_statement = [](std::string_view name) {
    std::string_view text = engine_statement("redshift", name);
    while (text.ends_with('\n') || text.ends_with(';'))
      text.remove_suffix(1);
    return text;
  };
  std::string out = fmt::format("{};\n\n", one_statement("migrate/create_version_table"));
  for (const auto& file : engine_schema_files("redshift")) {
    out += redshift::render_schema(file.text, options);
    out += fmt::format("\n{};  -- {}, '{}', now (UTC)\n\n", one_statement("migrate/record_version"),
                       file.version, file.name);
  }
  return out;
}

RedshiftWarehouse::RedshiftWarehouse(const std::string& conninfo, redshift::RedshiftOptions options)
    : LibpqWarehouse(pg::Connection(
          conninfo, options.postgres_emulation ? kEmulationSession : kRedshiftSession)),
      options_(std::move(options)) {}

std::string RedshiftWarehouse::describe() const {
  std::string text = conn_.describe();
  constexpr std::string_view kScheme = "postgresql://";
  if (text.starts_with(kScheme))
    text.replace(0, kScheme.size(), "redshift://");
  return options_.postgres_emulation ? text + " (PostgreSQL emulation)" : text;
}

int RedshiftWarehouse::migrate() {
  return migrate_in_one_transaction(
      *this,
      [this] {
        // Redshift has no advisory locks: a concurrent migration waits on the version table.
        conn_.execute_script(statement("migrate/create_version_table"));
        conn_.execute_script("LOCK etl_schema_version");
        if (options_.postgres_emulation)
          conn_.execute_script(*find_embedded_sql("redshift/emulation/functions.sql"));
      },
      [this](std::string_view text) { return redshift::render_schema(text, options_); });
}

void RedshiftWarehouse::lock_writer() {
  writer_locked_ = true;
}

void RedshiftWarehouse::begin() {
  LibpqWarehouse::begin();
  if (writer_locked_) {
    try {
      conn_.execute_script("LOCK etl_batch");
    } catch (...) {
      rollback();
      throw;
    }
  }
}
std::string multi_row_placeholders(std::string_view head, std::size_t rows, std::size_t columns) {
  while (head.ends_with('\n') || head.ends_with(' ') || head.ends_with(';'))
    head.remove_suffix(1);
  std::string out(head);
  std::size_t n = 0;
  for (std::size_t r = 0; r < rows; ++r) {
    out += r == 0 ? "\n(" : ",\n(";
    for (std::size_t c = 0; c < columns; ++c)
      out += fmt::format("{}${}", c == 0 ? "" : ", ", ++n);
    out += ')';
  }
  return out;
}

std::int64_t RedshiftWarehouse::insert_rows(std::string_view name,
                                            const std::vector<std::vector<Value>>& rows) {
  if (rows.empty())
    return 0;
  const std::size_t columns = rows.front().size();
  if (columns == 0 || columns > kMaxBoundParameters)
    throw WarehouseError(fmt::format("redshift: {} columns cannot be inserted", columns));
  const std::size_t per_statement = kMaxBoundParameters / columns;
  const std::string_view head = statement(name);
  std::int64_t inserted = 0;
  std::vector<Value> params;
  for (std::size_t first = 0; first < rows.size(); first += per_statement) {
    const std::size_t count = std::min(per_statement, rows.size() - first);
    params.clear();
    params.reserve(count * columns);
    for (std::size_t r = first; r < first + count; ++r) {
      if (rows[r].size() != columns)
        throw WarehouseError("redshift: rows of one insert must have the same columns");
      params.insert(params.end(), rows[r].begin(), rows[r].end());
    }
    inserted +=
        conn_.execute_params(multi_row_placeholders(head, count, columns), params).rows_affected();
  }
  return inserted;
}

std::unique_ptr<StagingWriter> RedshiftWarehouse::open_staging(
    std::int64_t batch_id, const std::string& staged_at,
    StagedRows /*rows: always staged waiting, see StagedRows*/,
    WritePath /*path: Redshift has no keys to set aside*/) {
  return std::make_unique<RedshiftStagingWriter>(*this, batch_id, staged_at,
                                                 options_.max_statement_bytes);
}

void RedshiftWarehouse::run_copy(std::string_view copy_sql) {
  if (!options_.postgres_emulation) {
    conn_.execute_script(copy_sql);
    return;
  }
  if (!interceptor_)
    throw WarehouseError(
        "redshift: COPY from S3 cannot run in PostgreSQL emulation without a COPY double");
  interceptor_(*this, copy_sql);
}

}  // namespace sparkify
