// The one INI reader, for the prototype's dwh.cfg and for the AWS CLI's shared
// files (~/.aws/credentials, ~/.aws/config). Both are read in the dialect of
// Python's configparser; they differ in a few rules (IniRules), not in the parser:
//   [SECTION]            text after the ']' may only be a comment
//   KEY = value          IniRules::separators ends a key ('=' or ':' by default)
//   KEY='quoted value'   with IniRules::unquote_values, a value wholly in '...' or
//                        "..." loses its quotes; inside them a backslash escapes
//                        the next character (libpq's rule, which the prototype's
//                        quoted values obeyed)
//   s3 =                 with IniRules::nested_blocks, the indented lines after a
//     key = value        key without a value are stored as "s3.key" (the AWS CLI)
//   # comment, ; comment whole-line comments; after a quoted value too. An
//                        unquoted value keeps '#' and ';' (as configparser does)
// White space is the C locale's; CRLF line ends and a UTF-8 byte-order mark are
// accepted. The keys that follow a malformed section header belong to no section
// and are dropped. Problems are returned, never printed or thrown; messages never
// contain values.
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
  std::string key;  // as written; "parent.key" for a line of a nested block
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

// Where the files this reader serves differ.
struct IniRules {
  std::string_view separators = "=:";  // the AWS CLI: "=" only
  bool unquote_values = true;          // the AWS CLI keeps quotes as written
  bool nested_blocks = false;          // the AWS CLI's "s3 =" blocks
  // A section or key written twice is an error (dwh.cfg, matching names without
  // regard to case); otherwise it is listed again, in file order, for the reader
  // to merge (the AWS CLI: the last value wins).
  bool repeats_are_errors = true;
};

// The AWS CLI's rules (see source/s3/config.hpp).
inline constexpr IniRules kAwsIniRules{
    .separators = "=", .unquote_values = false, .nested_blocks = true, .repeats_are_errors = false};

IniDocument parse_ini(std::string_view text, const std::string& file_name,
                      const IniRules& rules = {});

}  // namespace sparkify::config
