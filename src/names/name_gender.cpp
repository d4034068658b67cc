#include "names/name_gender.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>

#include "core/ascii_text.hpp"
#include "names/embedded_names.hpp"
#include "names/names_error.hpp"

namespace sparkify::names {
namespace {

std::vector<std::string_view> split_commas(std::string_view line) {
  std::vector<std::string_view> fields;
  while (true) {
    const auto comma = line.find(',');
    fields.push_back(line.substr(0, comma));
    if (comma == std::string_view::npos)
      break;
    line.remove_prefix(comma + 1);
  }
  return fields;
}

}  // namespace

NameGender NameGender::from_csv(std::string_view csv, std::string_view source) {
  NameGender table;
  const std::string file(source);
  std::size_t line_number = 0;
  bool header_seen = false;
  while (!csv.empty()) {
    ++line_number;
    const auto end = csv.find('\n');
    std::string_view line = csv.substr(0, end);
    csv.remove_prefix(end == std::string_view::npos ? csv.size() : end + 1);
    if (!line.empty() && line.back() == '\r')
      line.remove_suffix(1);
    if (line.empty())
      continue;
    const auto fail = [&](std::string reason) {
      return NamesFormatError(file, line_number, std::move(reason));
    };
    if (!header_seen) {
      if (line != "name,gender,share,total") {
        throw fail("expected the header name,gender,share,total");
      }
      header_seen = true;
      continue;
    }
    const auto fields = split_commas(line);
    if (fields.size() != 4)
      throw fail("expected four fields name,gender,share,total");
    Entry entry;
    entry.name = ascii_lower(fields[0]);
    if (entry.name.empty())
      throw fail("empty name");
    if (fields[1] != "F" && fields[1] != "M")
      throw fail("gender must be F or M");
    entry.guess.gender = fields[1].front();
    const auto parse_ok = [](std::string_view text, auto& value) {
      const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
      return !text.empty() && ec == std::errc{} && ptr == text.data() + text.size();
    };
    if (!parse_ok(fields[2], entry.guess.share) || !(entry.guess.share > 0.0) ||
        entry.guess.share > 1.0) {
      throw fail("share must be a number in (0, 1]");
    }
    if (!parse_ok(fields[3], entry.guess.total) || entry.guess.total <= 0) {
      throw fail("total must be a positive integer");
    }
    if (!table.entries_.empty() && table.entries_.back().name == entry.name) {
      throw fail(fmt::format("duplicate name '{}'", entry.name));
    }
    table.entries_.push_back(std::move(entry));
  }
  if (!header_seen)
    throw NamesFormatError(file, 1, "empty table: no header");
  auto& entries = table.entries_;
  const auto by_name = [](const Entry& a, const Entry& b) { return a.name < b.name; };
  if (!std::is_sorted(entries.begin(), entries.end(), by_name)) {
    std::stable_sort(entries.begin(), entries.end(), by_name);
  }
  const auto dup =
      std::adjacent_find(entries.begin(), entries.end(),
                         [](const Entry& a, const Entry& b) { return a.name == b.name; });
  if (dup != entries.end()) {
    throw NamesFormatError(file, 0,
                           fmt::format("duplicate name '{}' (table not sorted)", dup->name));
  }
  return table;
}

NameGender NameGender::embedded() {
  return from_csv(embedded_name_gender_csv(), "data/names/name_gender.csv (embedded)");
}

std::optional<GenderGuess> NameGender::find(std::string_view lower_name) const {
  const auto it =
      std::lower_bound(entries_.begin(), entries_.end(), lower_name,
                       [](const Entry& entry, std::string_view name) { return entry.name < name; });
  if (it == entries_.end() || it->name != lower_name)
    return std::nullopt;
  return it->guess;
}

std::optional<GenderGuess> NameGender::lookup(std::string_view first_name) const {
  const std::string name = ascii_lower(trim(first_name));
  if (name.empty())
    return std::nullopt;
  if (auto guess = find(name))
    return guess;
  const auto space = name.find_first_of(" \t");
  if (space == std::string::npos)
    return std::nullopt;
  return find(std::string_view(name).substr(0, space));
}

}  // namespace sparkify::names
