// SQL literals for Amazon Redshift: the only way a value reaches the text of a
// Redshift statement (multi-row INSERTs of the staging writer, the COPY command).
//
// Redshift parses string constants as PostgreSQL 8.0 did: a backslash is an
// escape character (its QUOTE_LITERAL doubles backslashes as well as quotes).
// So text becomes '...' with every ' doubled and every \ doubled, which both
// readings of a constant take back to the same bytes only when backslashes are
// escapes; the PostgreSQL test mode sets standard_conforming_strings = off to
// read constants the same way. Everything else passes through unchanged, `$$`
// and `$1` included (a quoted constant is not a dollar-quote or a parameter).
//
// Refused with WarehouseError, never silently altered: text with a NUL byte
// (no Redshift type can hold it), text that is not valid UTF-8 (Redshift stores
// UTF-8), NaN and infinities (not valid JSON input either). The parsers reject
// such input upstream as a Reject, so a refusal here is a bug, not bad data.
#pragma once

#include <string>
#include <string_view>

#include "core/table.hpp"

namespace sparkify::redshift {

// 'text' with quotes and backslashes doubled.
std::string text_literal(std::string_view text);

// NULL, digits, the shortest round-trip decimal of a double, or text_literal.
std::string literal(const Value& value);

// Appends literal(value) to out (no intermediate string for numbers).
void append_literal(std::string& out, const Value& value);

}  // namespace sparkify::redshift
