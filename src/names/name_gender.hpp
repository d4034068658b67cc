// Looking up the likely gender of a first name in the name-to-gender table
// (data/names/name_gender.csv, embedded into the binary at build time).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sparkify::names {

struct GenderGuess {
  char gender = 'F';  // 'F' or 'M', as the event logs spell it
  double share = 0;   // share of babies of that name with that sex
  std::int64_t total = 0;
};

class NameGender {
 public:
  NameGender() = default;

  // Parses the table's CSV text (header "name,gender,share,total"; LF or CRLF).
  // Throws NamesFormatError naming `source` and the line on any malformed line
  // or duplicate name: a corrupt table is a build error, not something to skip.
  static NameGender from_csv(std::string_view csv, std::string_view source = "name_gender.csv");

  // The table compiled into the binary from data/names/name_gender.csv.
  static NameGender embedded();

  // Case-insensitive lookup of a first name. Surrounding whitespace is ignored;
  // a name of several words ("Mary Ann") that is not in the table is looked up
  // by its first word. Returns nothing for an unknown or ambiguous name.
  std::optional<GenderGuess> lookup(std::string_view first_name) const;

  struct Entry {
    std::string name;  // lower-cased
    GenderGuess guess;
  };

  std::size_t size() const { return entries_.size(); }
  bool empty() const { return entries_.empty(); }
  // Every name of the table, sorted by name (what a warehouse's reference table is filled with).
  const std::vector<Entry>& entries() const { return entries_; }

 private:
  std::optional<GenderGuess> find(std::string_view lower_name) const;

  std::vector<Entry> entries_;  // sorted by name
};

}  // namespace sparkify::names
