// A test double of Amazon Redshift's COPY from S3, for the Redshift engine in
// PostgreSQL emulation (RedshiftWarehouse::set_copy_interceptor). It takes the
// statement the engine rendered, as text, and does what the Redshift
// documentation says COPY ... FROM 's3://manifest' FORMAT AS JSON 's3://jsonpaths'
// MANIFEST MAXERROR n does, against a real S3-compatible server:
//
//   - reads every file from the COPY's REGION: a bucket elsewhere fails the COPY;
//   - GETs the manifest and every object it lists; a listed object that is gone
//     fails the COPY when its entry is mandatory (and is skipped otherwise);
//   - GETs the JSONPaths file and applies its expressions, in order, to each JSON
//     object, one per line (the log format; blank lines are read, not loaded); a
//     missing element or JSON null is NULL; values are converted to the column's
//     type (strings of digits into BIGINT, numbers into VARCHAR as their text);
//   - a line that cannot be loaded (not valid UTF-8, not a JSON object, a value
//     that does not convert, a string longer than the column) is a row of the
//     emulated sys_load_error_detail (file_name, line_number, column_name,
//     error_code, error_message), and MAXERROR of them (one, for MAXERROR 0)
//     fail the COPY ("Load into table ... failed");
//   - lines read per file go to the emulated sys_load_detail (file_name CHAR(256));
//   - only the SYS views exist, as on Redshift Serverless: a statement that
//     reads an STL table fails here;
//   - pg_last_copy_id() of the session returns this COPY's query id.
//
// The system tables are written through a second connection, so, as on
// Redshift, their rows stay when the load's transaction rolls back.
// What the double cannot tell is listed in docs/redshift.md.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "source/s3/s3_client.hpp"
#include "warehouse/libpq/pg_connection.hpp"
#include "warehouse/redshift/redshift_warehouse.hpp"

namespace sparkify::test {

class RedshiftCopyDouble {
 public:
  // conninfo: the warehouse's database (a second connection for the system
  // tables, created here if missing); s3: how to reach the S3 server.
  RedshiftCopyDouble(const std::string& conninfo, s3::S3Config s3);

  // Runs one rendered COPY statement in the warehouse's session (its open transaction).
  void run(RedshiftWarehouse& warehouse, std::string_view copy_sql);

  // An interceptor for RedshiftWarehouse::set_copy_interceptor (this object must outlive it).
  RedshiftWarehouse::CopyInterceptor interceptor() {
    return [this](RedshiftWarehouse& wh, std::string_view sql) { run(wh, sql); };
  }

  int copies_run() const { return copies_; }

 private:
  pg::Connection system_;
  s3::S3Client s3_;
  int copies_ = 0;
};

}  // namespace sparkify::test
