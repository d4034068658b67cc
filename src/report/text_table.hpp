// A sparkify::Table as an aligned text table for terminals, psql style:
//
//    rank | artist_name   | plays
//   ------+---------------+-------
//       1 | Dwight Yoakam |    37
//   (1 row)
#pragma once

#include <cstddef>
#include <string>

#include "core/table.hpp"

namespace sparkify::report {

struct TextTableOptions {
  std::string null_text = "NULL";  // how NULL shows (text never renders as this: see below)
  std::size_t max_width = 0;       // cut longer cells to this many columns with "…"; 0: never
  bool row_count = true;           // the "(N rows)" footer
};

// Widths count terminal columns (code points; CJK as 2, combining marks as 0).
// Columns whose values are all numbers (integers or reals; NULLs allowed) are
// right-aligned, header included; others are left-aligned. Control characters
// in text are shown escaped (\n, \t, \x1b, ...) so they cannot break the layout
// or drive the terminal; invalid UTF-8 shows as U+FFFD.
std::string render_text_table(const Table& table, const TextTableOptions& options = {});

}  // namespace sparkify::report
