// The Amazon Redshift engine: a cluster reached over the PostgreSQL wire
// protocol (pg::Connection), with its own SQL (redshift/sql/): no indexes, no
// ON CONFLICT, no SERIAL, no advisory locks. Statements have the names and
// positional parameters of the other engines.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "warehouse/libpq/libpq_warehouse.hpp"
#include "warehouse/redshift/redshift_copy.hpp"
#include "warehouse/redshift/redshift_options.hpp"

namespace sparkify {

class RedshiftWarehouse final : public LibpqWarehouse {
 public:
  // conninfo: a libpq URI or keyword string (see open_redshift.hpp for redshift:// targets).
  RedshiftWarehouse(const std::string& conninfo, redshift::RedshiftOptions options);

  std::string engine() const override { return "redshift"; }
  std::string_view sql_dir() const override { return "redshift"; }
  std::string describe() const override;

  // Applies the schema files not yet applied, in one transaction, holding a
  // table lock on etl_schema_version against a concurrent migration.
  int migrate() override;
  // Redshift has no advisory locks: from now on every transaction of this
  // connection starts with LOCK etl_batch, so writers take turns batch by batch
  // (a second writer waits for the first one's batch to commit).
  void lock_writer() override;

  void begin() override;

  // The statement is "INSERT INTO table (columns) VALUES": the rows follow as
  // ($1, $2, ...), ($n, ...), bound, at most kMaxBoundParameters per statement.
  std::int64_t insert_rows(std::string_view name,
                           const std::vector<std::vector<Value>>& rows) override;

  // Stages through multi-row INSERTs into temp tables, merged by delete-then-insert.
  std::unique_ptr<StagingWriter> open_staging(std::int64_t batch_id, const std::string& staged_at,
                                              StagedRows rows, WritePath path) override;

  const redshift::RedshiftOptions& options() const { return options_; }

  // Staging mode "copy": from now on the staging writers load event logs with a
  // server-side COPY from S3 (a manifest per batch) instead of from the client.
  void use_copy_staging(redshift::CopyStaging copy) { options_.copy = std::move(copy); }
  const std::optional<redshift::CopyStaging>& copy_staging() const { return options_.copy; }

  // Runs a rendered COPY statement. On a cluster it is sent as it is; in
  // PostgreSQL emulation (which has no COPY from S3) it goes to the interceptor
  // given by the test (a test double of Redshift's COPY), or fails.
  using CopyInterceptor = std::function<void(RedshiftWarehouse&, std::string_view copy_sql)>;
  void set_copy_interceptor(CopyInterceptor interceptor) { interceptor_ = std::move(interceptor); }
  void run_copy(std::string_view copy_sql);

  // Uploads the JSONPaths file once per connection (it never changes).
  bool jsonpaths_uploaded() const { return jsonpaths_uploaded_; }
  void set_jsonpaths_uploaded() { jsonpaths_uploaded_ = true; }
  // The buckets found in the COPY's region, asked once per connection.
  std::set<std::string, std::less<>>& buckets_in_copy_region() { return buckets_in_copy_region_; }

 private:
  redshift::RedshiftOptions options_;
  bool writer_locked_ = false;
  CopyInterceptor interceptor_;
  bool jsonpaths_uploaded_ = false;
  std::set<std::string, std::less<>> buckets_in_copy_region_;
};

// Bound parameters per statement in insert_rows (the protocol allows 65,535;
// Redshift's own limit is lower, so stay well below both).
inline constexpr std::size_t kMaxBoundParameters = 30'000;

// "head\n($1, $2),\n($3, $4)": a multi-row INSERT of `rows` rows of `columns`
// placeholders each, numbered from $1.
std::string multi_row_placeholders(std::string_view head, std::size_t rows, std::size_t columns);

// The statements `init` runs, in order, as one script (for --dry-run): each
// schema file not yet applied, then its row of etl_schema_version.
std::string redshift_init_script(const redshift::RedshiftOptions& options);

}  // namespace sparkify
