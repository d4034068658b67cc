#include "generate/json_text.hpp"

#include <array>
#include <charconv>

#include "core/utf8.hpp"

namespace sparkify::generate {
namespace {

// Each UTF-8 byte of `text` taken as a Latin-1 character.
std::string bytes_as_latin1(std::string_view text) {
  std::string out;
  out.reserve(text.size() * 2);
  for (const char c : text) {
    append_utf8(out, static_cast<unsigned char>(c));
  }
  return out;
}

}  // namespace

void append_int(std::string& out, std::int64_t value) {
  std::array<char, 24> buffer{};
  const auto result = std::to_chars(buffer.data(), buffer.data() + buffer.size(), value);
  out.append(buffer.data(), result.ptr);
}

void append_fixed5(std::string& out, std::int64_t units) {
  if (units < 0) {
    out += '-';
    units = -units;
  }
  append_int(out, units / 100000);
  out += '.';
  std::int64_t fraction = units % 100000;
  int digits = 5;
  while (digits > 1 && fraction % 10 == 0) {
    fraction /= 10;
    --digits;
  }
  std::array<char, 5> text{};
  for (int k = digits - 1; k >= 0; --k) {
    text[static_cast<std::size_t>(k)] = static_cast<char>('0' + fraction % 10);
    fraction /= 10;
  }
  out.append(text.data(), static_cast<std::size_t>(digits));
}

std::string mojibake(std::string_view utf8) {
  std::string out;
  out.reserve(utf8.size() * 3);
  std::size_t i = 0;
  while (i < utf8.size()) {
    const char32_t cp = next_code_point(utf8, i);
    if (cp < 0x80) {
      out += static_cast<char>(cp);
    } else if (cp <= 0xFF) {
      std::string once;
      append_utf8(once, cp);
      out += bytes_as_latin1(bytes_as_latin1(once));
    } else {
      append_utf8(out, cp & 0xFF);
    }
  }
  return out;
}

}  // namespace sparkify::generate
