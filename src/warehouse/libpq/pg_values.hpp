// Conversions between sparkify::Value and PostgreSQL's text format, used for
// query parameters (values travel separately from the SQL text, never pasted
// into it) and for typing result columns by their type OID.
#pragma once

#include <libpq-fe.h>

#include <optional>
#include <string>
#include <string_view>

#include "core/table.hpp"

namespace sparkify::pg {

// Type OIDs of the built-in types we map (pg_type.oid, fixed since PostgreSQL 7).
namespace oid {
inline constexpr Oid kBool = 16;
inline constexpr Oid kInt8 = 20;
inline constexpr Oid kInt2 = 21;
inline constexpr Oid kInt4 = 23;
inline constexpr Oid kOid = 26;
inline constexpr Oid kFloat4 = 700;
inline constexpr Oid kFloat8 = 701;
inline constexpr Oid kTimestamp = 1114;
inline constexpr Oid kTimestamptz = 1184;
inline constexpr Oid kNumeric = 1700;
}  // namespace oid

// A double as PostgreSQL reads it back exactly: shortest round-trip digits,
// and NaN / Infinity / -Infinity spelled the way float8in accepts them.
std::string double_to_text(double d);

// The text form of a parameter; nullopt for NULL. Text holding a NUL byte cannot
// be sent (libpq parameters are C strings and PostgreSQL text cannot store NUL):
// throws WarehouseError. Parsers reject such input upstream, as a Reject.
std::optional<std::string> to_param_text(const Value& v);

// A result field in text format, typed by its column's type OID:
// int2/int4/int8/oid -> int64, float4/float8/numeric -> double,
// bool -> int64 1/0 (as SQLite returns booleans), timestamp/timestamptz -> the
// warehouse's time text "YYYY-MM-DD HH:MM:SS.mmm" (UTC; see canonical_time_text),
// anything else (text, varchar, date, ...) -> string as PostgreSQL prints it.
// Throws WarehouseError when a numeric field does not parse.
Value from_result_text(Oid type, std::string_view text);

// PostgreSQL prints times as "2018-11-01 21:01:46.79+00" (ISO DateStyle, the
// session in UTC): trailing zeros of the fraction dropped, a zone offset added.
// Every engine stores times as "2018-11-01 21:01:46.790", so results are
// rewritten to that form: always 3 fraction digits (6 when there are
// microseconds), no "+00". Text in any other form is returned unchanged.
std::string canonical_time_text(std::string_view text);

}  // namespace sparkify::pg
