// A small INI reader for the prototype's config files, in the dialect of
// Python's configparser (which the prototype used), plus quote stripping:
//   [SECTION]            section names match case-insensitively
//   KEY = value          '=' or ':' separates; keys are case-insensitive
//   KEY='quoted value'   a value wholly in '...' or "..." loses its quotes;
//                        inside them a backslash escapes the next character
//                        (libpq's rule, which the prototype's quoted values obeyed)
//   # comment, ; comment whole-line comments; after a quoted value too. An
//                        unquoted value keeps '#' and ';' (as configparser does)
// CRLF line ends and a UTF-8 byte-order mark are accepted. Problems are
// returned, never printed or thrown; messages never contain values.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace sparkify::config {

// One problem in a config file: where and what.
struct Issue {
  std::string file;
  int line = 0;  // 1-based; 0 when it is about the whole file
  std::string message;
  // "file:line: message" (or "file: message").
  std::string text() const;
};

struct IniEntry {
  std::string key;  // as written
  std::string value;
  int line = 0;
};

struct IniSection {
  std::string name;  // as written, without brackets
  int line = 0;
  std::vector<IniEntry> entries;
};

struct IniDocument {
  std::vector<IniSection> sections;
  std::vector<Issue> errors;  // empty when the text is well-formed
};

IniDocument parse_ini(std::string_view text, const std::string& file_name);

}  // namespace sparkify::config
