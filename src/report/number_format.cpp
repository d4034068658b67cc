#include "report/number_format.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace sparkify::report {

std::string group_thousands(std::int64_t value) {
  const bool negative = value < 0;
  // Work on the magnitude as unsigned so INT64_MIN does not overflow.
  std::uint64_t magnitude =
      negative ? 0 - static_cast<std::uint64_t>(value) : static_cast<std::uint64_t>(value);
  std::string digits = std::to_string(magnitude);
  std::string out;
  const std::size_t lead = digits.size() % 3;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (i + 3 - lead) % 3 == 0)
      out += ',';
    out += digits[i];
  }
  return negative ? "-" + out : out;
}

std::string format_number(double value, int decimals) {
  if (!std::isfinite(value))
    return "–";
  if (std::floor(value) == value && std::fabs(value) < 9e15) {
    return group_thousands(static_cast<std::int64_t>(value));
  }
  // Small numbers keep two significant digits (0.000147 -> "0.00015", not "0").
  if (value != 0 && std::fabs(value) < 1) {
    const int needed = 1 - static_cast<int>(std::floor(std::log10(std::fabs(value))));
    decimals = std::max(decimals, std::min(needed, 15));
  }
  std::string text = fmt::format("{:.{}f}", value, decimals);
  if (text.find('.') != std::string::npos) {
    text.erase(text.find_last_not_of('0') + 1);
    if (text.back() == '.')
      text.pop_back();
  }
  // Group the integer part.
  const auto dot = text.find('.');
  const std::string int_part = text.substr(0, dot);
  if (int_part != "-0" && int_part.size() > 3) {
    std::int64_t whole = 0;
    if (fmt::format("{}", whole = static_cast<std::int64_t>(std::trunc(value))) == int_part) {
      text = group_thousands(whole) + (dot == std::string::npos ? "" : text.substr(dot));
    }
  }
  return text;
}

std::string format_percent(double share) {
  if (!std::isfinite(share))
    return "–";
  return format_number(share * 100, 1) + " %";
}

std::string format_tick(double value) {
  const double magnitude = std::fabs(value);
  const auto compact = [&](double divisor, const char* suffix) {
    std::string text = fmt::format("{:.1f}", value / divisor);
    if (text.ends_with(".0"))
      text.resize(text.size() - 2);
    return text + suffix;
  };
  if (magnitude >= 1e9)
    return compact(1e9, "B");
  if (magnitude >= 1e6)
    return compact(1e6, "M");
  if (magnitude >= 1e4)
    return compact(1e3, "k");
  return format_number(value, 2);
}

std::optional<std::string> format_cell(const Value& value, bool group) {
  if (const auto* i = std::get_if<std::int64_t>(&value)) {
    return group ? group_thousands(*i) : std::to_string(*i);
  }
  if (const auto* d = std::get_if<double>(&value))
    return format_number(*d, 3);
  return to_text(value);
}

bool groups_thousands(std::string_view column) {
  std::string name(column);
  for (char& c : name) {
    if (c >= 'A' && c <= 'Z')
      c = static_cast<char>(c - 'A' + 'a');
  }
  for (const char* code : {"id", "userid", "sessionid", "songid", "artistid", "year", "ts"}) {
    if (name == code)
      return false;
  }
  return !(name.ends_with("_id") || name.ends_with("_year") || name.ends_with("_ts"));
}

bool is_share_column(std::string_view column) {
  return column == "share" || column.ends_with("_share");
}

}  // namespace sparkify::report
