#include "generate/json_text.hpp"

#include <array>
#include <charconv>

#include "core/utf8.hpp"

namespace sparkify::generate {
namespace {

constexpr std::array<char, 16> kHex = {'0', '1', '2', '3', '4', '5', '6', '7',
                                       '8', '9', 'a', 'b', 'c', 'd', 'e', 'f'};

void append_u_escape(std::string& out, std::uint32_t unit) {
  out += "\\u";
  out += kHex[(unit >> 12) & 0xF];
  out += kHex[(unit >> 8) & 0xF];
  out += kHex[(unit >> 4) & 0xF];
  out += kHex[unit & 0xF];
}

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

void append_json_string(std::string& out, std::string_view text, SlashStyle slash) {
  out += '"';
  std::size_t i = 0;
  while (i < text.size()) {
    // Copy the run of characters that need no escaping in one go.
    std::size_t run = i;
    while (run < text.size()) {
      const auto u = static_cast<unsigned char>(text[run]);
      if (u < 0x20 || u >= 0x80 || u == '"' || u == '\\' ||
          (u == '/' && slash == SlashStyle::kEscaped)) {
        break;
      }
      ++run;
    }
    out.append(text.data() + i, run - i);
    i = run;
    if (i == text.size()) {
      break;
    }
    const char c = text[i];
    const auto u = static_cast<unsigned char>(c);
    if (u >= 0x80) {
      const char32_t cp = next_code_point(text, i);
      if (cp >= 0x10000) {
        const char32_t v = cp - 0x10000;
        append_u_escape(out, 0xD800 + (v >> 10));
        append_u_escape(out, 0xDC00 + (v & 0x3FF));
      } else {
        append_u_escape(out, cp);
      }
      continue;
    }
    ++i;
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '/':
        out += "\\/";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      default:
        append_u_escape(out, u);
    }
  }
  out += '"';
}

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
