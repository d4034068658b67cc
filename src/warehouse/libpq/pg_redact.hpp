// Removes passwords from libpq connection strings before they reach a message,
// a log or describe(). Both libpq syntaxes are understood:
//   URI:     postgresql://user:secret@host:5432/db?password=secret&sslmode=require
//   keyword: host=h dbname=db password=secret   (also password = 'quoted \' value')
// Every password (and sslpassword) value becomes "***". The function never fails:
// text it cannot parse is redacted from the first password keyword to the end.
#pragma once

#include <string>
#include <string_view>

namespace sparkify::pg {

inline constexpr std::string_view kRedacted = "***";

std::string redact_conninfo(std::string_view conninfo);

// Whether the text is a libpq URI (postgresql:// or postgres://) rather than keywords.
bool is_conninfo_uri(std::string_view conninfo);

}  // namespace sparkify::pg
