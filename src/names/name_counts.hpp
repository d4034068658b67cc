// Summing the SSA yearly counts per (lower-cased name, sex) over all years.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "names/names_error.hpp"

namespace sparkify::names {

// One line of a yobYYYY.txt file: "Mary,F,7065".
struct NameSexCount {
  std::string name;  // lower-cased (ASCII)
  char sex = 'F';    // 'F' or 'M'
  std::int64_t count = 0;
};

// Parses one line (a trailing '\r' is allowed). Throws NamesFormatError naming
// `file` and `line_number` when the line is not Name,Sex,Count with a name free
// of spaces, quotes and control characters, a sex of F or M and a count > 0.
NameSexCount parse_names_line(std::string_view line, const std::string& file,
                              std::size_t line_number);

struct SexTotals {
  std::int64_t female = 0;
  std::int64_t male = 0;
  std::int64_t total() const { return female + male; }
};

// Accumulates counts from any number of yearly files.
class NameCounter {
 public:
  // Adds every line of one file. Blank lines are skipped; malformed lines are
  // appended to `issues` and skipped, so one bad line never loses the others.
  // Returns the number of lines counted.
  std::size_t add_file(const std::string& file, std::string_view text,
                       std::vector<NamesFormatError>& issues);

  void add(const NameSexCount& entry);

  const std::unordered_map<std::string, SexTotals>& totals() const { return totals_; }

 private:
  std::unordered_map<std::string, SexTotals> totals_;
};

}  // namespace sparkify::names
