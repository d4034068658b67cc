#include "names/name_counts.hpp"

#include <fmt/format.h>

#include <charconv>

#include "core/ascii_text.hpp"

namespace sparkify::names {
namespace {

bool is_bad_name_char(unsigned char c) {
  return c <= 0x20 || c == 0x7f || c == '"' || c == ',';
}

}  // namespace

NameSexCount parse_names_line(std::string_view line, const std::string& file,
                              std::size_t line_number) {
  if (!line.empty() && line.back() == '\r')
    line.remove_suffix(1);
  const auto fail = [&](std::string reason) {
    return NamesFormatError(file, line_number, std::move(reason));
  };
  const auto first = line.find(',');
  const auto second = first == std::string_view::npos ? first : line.find(',', first + 1);
  if (second == std::string_view::npos || line.find(',', second + 1) != std::string_view::npos) {
    throw fail("expected three fields Name,Sex,Count");
  }
  const std::string_view name = line.substr(0, first);
  const std::string_view sex = line.substr(first + 1, second - first - 1);
  const std::string_view count = line.substr(second + 1);
  if (name.empty())
    throw fail("empty name");
  for (const char c : name) {
    if (is_bad_name_char(static_cast<unsigned char>(c))) {
      throw fail("name contains a space, quote or control character");
    }
  }
  if (sex != "F" && sex != "M")
    throw fail(fmt::format("sex must be F or M, not '{}'", sex));
  NameSexCount out;
  const auto [ptr, ec] = std::from_chars(count.data(), count.data() + count.size(), out.count);
  if (count.empty() || ec != std::errc{} || ptr != count.data() + count.size() || out.count <= 0) {
    throw fail(fmt::format("count must be a positive integer, not '{}'", count));
  }
  out.name.reserve(name.size());
  for (const char c : name)
    out.name.push_back(ascii_lower(c));
  out.sex = sex.front();
  return out;
}

std::size_t NameCounter::add_file(const std::string& file, std::string_view text,
                                  std::vector<NamesFormatError>& issues) {
  std::size_t counted = 0;
  std::size_t line_number = 0;
  while (!text.empty()) {
    ++line_number;
    const auto end = text.find('\n');
    const std::string_view line = text.substr(0, end);
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
    if (line.find_first_not_of(" \t\r") == std::string_view::npos)
      continue;
    try {
      add(parse_names_line(line, file, line_number));
      ++counted;
    } catch (const NamesFormatError& e) {
      issues.push_back(e);
    }
  }
  return counted;
}

void NameCounter::add(const NameSexCount& entry) {
  auto& totals = totals_[entry.name];
  auto& slot = entry.sex == 'F' ? totals.female : totals.male;
  // Saturate far below the int64 limit (the real data totals ~4e6 per name), so
  // totals and count * 1000 can never overflow.
  constexpr std::int64_t kMax = 1'000'000'000'000'000;
  slot = (entry.count > kMax - slot) ? kMax : slot + entry.count;
}

}  // namespace sparkify::names
