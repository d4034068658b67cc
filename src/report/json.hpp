// A sparkify::Table as JSON: an array of objects, one per row, keyed by column.
#pragma once

#include <string>
#include <string_view>

#include "core/table.hpp"

namespace sparkify::report {

struct JsonOptions {
  bool ascii_only = false;  // escape every non-ASCII character as \uXXXX
};

// Appends `text` as a JSON string literal: quotes, backslashes and control
// characters escaped, U+2028/U+2029 escaped (they end lines in JavaScript),
// invalid UTF-8 replaced by U+FFFD, so the result is always valid JSON.
void append_json_string(std::string& out, std::string_view text, bool ascii_only = false);

// `[` + one object per line + `]`. NULL is null; integers are JSON integers;
// reals are numbers as to_text() prints them (non-finite reals become null);
// text is a string. A repeated column name gets a suffix ("plays", "plays_2")
// so every key of an object is unique.
std::string render_json(const Table& table, const JsonOptions& options = {});

}  // namespace sparkify::report
