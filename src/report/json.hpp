// A sparkify::Table as JSON: an array of objects, one per row, keyed by column.
#pragma once

#include <string>
#include <string_view>

#include "core/table.hpp"

namespace sparkify::report {

struct JsonOptions {
  bool ascii_only = false;  // escape every non-ASCII character as \uXXXX
};

// `[` + one object per line + `]`. NULL is null; integers are JSON integers;
// reals are numbers as to_text() prints them (non-finite reals become null);
// text is a string. A repeated column name gets a suffix ("plays", "plays_2")
// so every key of an object is unique.
std::string render_json(const Table& table, const JsonOptions& options = {});

}  // namespace sparkify::report
