#include "generate/json_text.hpp"

#include <array>
#include <charconv>

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

// Decodes one UTF-8 sequence at text[i], advancing i. The generator only
// feeds it valid UTF-8 from its own word lists; a stray byte is taken as
// Latin-1 so that nothing is ever dropped.
std::uint32_t decode_utf8(std::string_view text, std::size_t& i) {
  const auto b0 = static_cast<unsigned char>(text[i]);
  auto continuation = [&](std::size_t k) -> std::uint32_t {
    return static_cast<unsigned char>(text[i + k]) & 0x3Fu;
  };
  if (b0 >= 0xF0 && i + 3 < text.size()) {
    const std::uint32_t cp =
        ((b0 & 0x07u) << 18) | (continuation(1) << 12) | (continuation(2) << 6) | continuation(3);
    i += 4;
    return cp;
  }
  if (b0 >= 0xE0 && i + 2 < text.size()) {
    const std::uint32_t cp = ((b0 & 0x0Fu) << 12) | (continuation(1) << 6) | continuation(2);
    i += 3;
    return cp;
  }
  if (b0 >= 0xC0 && i + 1 < text.size()) {
    const std::uint32_t cp = ((b0 & 0x1Fu) << 6) | continuation(1);
    i += 2;
    return cp;
  }
  i += 1;
  return b0;
}

void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
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
      const std::uint32_t cp = decode_utf8(text, i);
      if (cp >= 0x10000) {
        const std::uint32_t v = cp - 0x10000;
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
    const std::uint32_t cp = decode_utf8(utf8, i);
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
