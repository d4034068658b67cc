#include "core/ascii_text.hpp"

#include <algorithm>

namespace sparkify {

std::string_view trim(std::string_view s, std::string_view space) {
  const auto first = s.find_first_not_of(space);
  if (first == std::string_view::npos)
    return {};
  const auto last = s.find_last_not_of(space);
  return s.substr(first, last - first + 1);
}

char ascii_lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

std::string ascii_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    c = ascii_lower(c);
  return out;
}

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return ascii_lower(x) == ascii_lower(y);
         });
}

bool istarts_with(std::string_view s, std::string_view prefix) {
  return s.size() >= prefix.size() && iequals(s.substr(0, prefix.size()), prefix);
}

}  // namespace sparkify
