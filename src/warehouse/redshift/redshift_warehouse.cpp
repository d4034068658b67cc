#include "warehouse/redshift/redshift_warehouse.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "core/clock.hpp"
#include "warehouse/embedded_sql.hpp"
#include "warehouse/name_gender_sync.hpp"
#include "warehouse/postgres/pg_sql_script.hpp"
#include "warehouse/redshift/redshift_staging_writer.hpp"

namespace sparkify {
namespace {

constexpr std::string_view kSchemaPrefix = "redshift/sql/schema/";

constexpr std::string_view kVersionTable =
    "CREATE TABLE IF NOT EXISTS etl_schema_version (\n"
    "  version    INTEGER      NOT NULL PRIMARY KEY,\n"
    "  name       VARCHAR(256) NOT NULL,\n"
    "  applied_at TIMESTAMP    NOT NULL\n"
    ")";

// Redshift accepts these settings (no IntervalStyle). Floats are printed with
// round-trip precision, times in UTC.
constexpr std::string_view kRedshiftSession =
    "SET datestyle TO 'ISO, YMD'; SET timezone TO 'UTC'; SET extra_float_digits TO 2";

// PostgreSQL emulation (tests): string constants read as Redshift reads them.
constexpr std::string_view kEmulationSession =
    "SET DateStyle = 'ISO, YMD'; SET TimeZone = 'UTC'; SET IntervalStyle = 'postgres'; "
    "SET extra_float_digits = 1; SET standard_conforming_strings = off; "
    "SET escape_string_warning = off";

// PostgreSQL emulation: Redshift's SHA2(text, 256), lowercase hex of the UTF-8 bytes.
constexpr std::string_view kEmulationFunctions =
    "CREATE OR REPLACE FUNCTION sha2(text, integer) RETURNS text LANGUAGE sql IMMUTABLE STRICT "
    "AS 'SELECT CASE WHEN $2 IN (0, 256) THEN encode(sha256(convert_to($1, ''UTF8'')), ''hex'') "
    "ELSE '''' END'";

std::vector<Value> first_params(const std::vector<Value>& params, int count) {
  const auto n = std::min(params.size(), static_cast<std::size_t>(std::max(count, 0)));
  return {params.begin(), params.begin() + static_cast<std::ptrdiff_t>(n)};
}

}  // namespace

std::string redshift_init_script(const redshift::RedshiftOptions& options) {
  std::string out = std::string(kVersionTable) + ";\n\n";
  for (const auto& file : embedded_sql()) {
    if (!file.name.starts_with(kSchemaPrefix))
      continue;
    out += redshift::render_schema(file.text, options);
    out += fmt::format(
        "\nINSERT INTO etl_schema_version (version, name, applied_at) VALUES ($1, $2, $3);"
        "  -- {}, '{}', now (UTC)\n\n",
        schema_file_version(file.name), file.name.substr(kSchemaPrefix.size()));
  }
  return out;
}

RedshiftWarehouse::RedshiftWarehouse(const std::string& conninfo, redshift::RedshiftOptions options)
    : options_(options),
      conn_(conninfo, options.postgres_emulation ? kEmulationSession : kRedshiftSession) {}

std::string RedshiftWarehouse::describe() const {
  std::string text = conn_.describe();
  constexpr std::string_view kScheme = "postgresql://";
  if (text.starts_with(kScheme))
    text.replace(0, kScheme.size(), "redshift://");
  return options_.postgres_emulation ? text + " (PostgreSQL emulation)" : text;
}

int RedshiftWarehouse::schema_version() {
  const Table exists = conn_.query(
      "SELECT COUNT(*) FROM information_schema.tables "
      "WHERE table_schema = current_schema() AND table_name = 'etl_schema_version'");
  if (to_int(exists.rows.at(0).at(0)) == 0)
    return 0;
  const Table version = conn_.query("SELECT COALESCE(MAX(version), 0) FROM etl_schema_version");
  return static_cast<int>(to_int(version.rows.at(0).at(0)));
}

int RedshiftWarehouse::migrate() {
  conn_.begin();
  try {
    conn_.execute_script(kVersionTable);
    conn_.execute_script("LOCK etl_schema_version");
    if (options_.postgres_emulation)
      conn_.execute_script(kEmulationFunctions);
    int current = schema_version();
    require_known_schema("redshift", current, describe());
    for (const auto& file : embedded_sql()) {
      if (!file.name.starts_with(kSchemaPrefix))
        continue;
      const int version = schema_file_version(file.name);
      if (version <= current)
        continue;
      conn_.execute_script(redshift::render_schema(file.text, options_));
      conn_.execute(
          "INSERT INTO etl_schema_version (version, name, applied_at) VALUES ($1, $2, $3)",
          {std::int64_t{version}, std::string(file.name.substr(kSchemaPrefix.size())),
           utc_now_text()});
      current = version;
    }
    // The reference data the transforms read (engine-neutral: named statements).
    if (current >= 2)
      sync_name_gender(*this, embedded_name_gender_reference(), NameSyncMode::keep_users_table);
    conn_.commit();
    return current;
  } catch (...) {
    conn_.rollback_quietly();
    throw;
  }
}

void RedshiftWarehouse::lock_writer() {
  writer_locked_ = true;
}

void RedshiftWarehouse::begin() {
  conn_.begin();
  if (writer_locked_) {
    try {
      conn_.execute_script("LOCK etl_batch");
    } catch (...) {
      conn_.rollback_quietly();
      throw;
    }
  }
}
void RedshiftWarehouse::commit() {
  conn_.commit();
}
void RedshiftWarehouse::rollback() {
  conn_.rollback_quietly();
}

std::string_view RedshiftWarehouse::statement(std::string_view name) const {
  return engine_statement("redshift", name);
}

std::vector<std::string> RedshiftWarehouse::transform_steps() const {
  return engine_statement_names("redshift", "transform");
}

std::int64_t RedshiftWarehouse::execute(std::string_view sql, const std::vector<Value>& params) {
  if (params.empty())
    return conn_.execute_script(sql);
  std::int64_t changed = 0;
  for (const auto& statement : pg::split_sql(sql)) {
    changed += conn_.execute_params(statement.text, first_params(params, statement.max_parameter))
                   .rows_affected();
  }
  return changed;
}

Table RedshiftWarehouse::query(std::string_view sql, const std::vector<Value>& params) {
  const auto statements = pg::split_sql(sql);
  if (statements.size() != 1) {
    throw WarehouseError(
        fmt::format("redshift: a query must be one statement, not {}", statements.size()));
  }
  return conn_.query(statements[0].text, first_params(params, statements[0].max_parameter));
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
    StagedRows /*rows: always staged waiting, see StagedRows*/) {
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

std::vector<std::string> RedshiftWarehouse::statement_names(std::string_view folder) const {
  return engine_statement_names("redshift", folder);
}

Table RedshiftWarehouse::query_read_only(std::string_view sql, const std::vector<Value>& params) {
  const auto statements = pg::split_sql(sql);
  if (statements.empty())
    throw WarehouseQueryRejected("no SQL statement given");
  if (statements.size() != 1)
    throw WarehouseQueryRejected("only one SQL statement at a time");
  // Redshift refuses writes inside a READ ONLY transaction too; nothing is kept.
  conn_.execute_script("BEGIN READ ONLY");
  try {
    Table table =
        conn_.query(statements[0].text, first_params(params, statements[0].max_parameter));
    conn_.rollback_quietly();
    return table;
  } catch (...) {
    conn_.rollback_quietly();
    throw;
  }
}

}  // namespace sparkify
