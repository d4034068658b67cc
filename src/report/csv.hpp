// A sparkify::Table as CSV (RFC 4180).
#pragma once

#include <string>

#include "core/table.hpp"

namespace sparkify::report {

struct CsvOptions {
  std::string line_end = "\r\n";  // RFC 4180 says CRLF; "\n" for Unix tools
  bool header = true;
};

// One header line of column names, then one line per row. A field is quoted
// (with inner quotes doubled) when it holds a comma, a quote, CR or LF, starts
// or ends with a space, or is the empty string; NULL is an empty unquoted
// field, so NULL and '' stay distinguishable (as in PostgreSQL's COPY CSV).
// Numbers print as to_text() does; invalid UTF-8 becomes U+FFFD.
std::string render_csv(const Table& table, const CsvOptions& options = {});

// One field, quoted when needed.
std::string csv_field(std::string_view text);

}  // namespace sparkify::report
