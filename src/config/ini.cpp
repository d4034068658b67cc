#include "config/ini.hpp"

#include <algorithm>
#include <optional>

#include "core/ascii_text.hpp"

namespace sparkify::config {
namespace {

bool is_comment(std::string_view s) {
  return !s.empty() && (s.front() == '#' || s.front() == ';');
}

// Parses a quoted value. Returns false (and sets error) when it is malformed.
bool unquote(std::string_view raw, std::string& out, std::string& error) {
  const char quote = raw.front();
  out.clear();
  std::size_t i = 1;
  for (; i < raw.size(); ++i) {
    const char c = raw[i];
    if (c == '\\' && i + 1 < raw.size()) {
      out.push_back(raw[++i]);
    } else if (c == quote) {
      break;
    } else {
      out.push_back(c);
    }
  }
  if (i >= raw.size()) {
    error = "unterminated quoted value";
    return false;
  }
  const auto rest = trim(raw.substr(i + 1));
  if (!rest.empty() && !is_comment(rest)) {
    error = "unexpected text after a quoted value";
    return false;
  }
  return true;
}

// One pass over a file's lines, with the section the next key goes to.
class IniReader {
 public:
  IniReader(const std::string& file_name, const IniRules& rules)
      : file_name_(file_name), rules_(rules) {}

  void read_line(std::string_view raw, int line_number);
  IniDocument take() { return std::move(doc_); }

 private:
  void read_header(std::string_view line, int line_number);
  void read_entry(std::string_view line, bool indented, int line_number);
  void error(int line, std::string message) {
    doc_.errors.push_back(Issue{file_name_, line, std::move(message)});
  }

  const std::string& file_name_;
  const IniRules& rules_;
  IniDocument doc_;
  std::optional<std::size_t> section_;  // none before the first header or after a bad one
  bool after_bad_header_ = false;
  std::string nested_;  // the key of the nested block being read ("s3"), if any
};

void IniReader::read_line(std::string_view raw, int line_number) {
  if (raw.ends_with('\r'))
    raw.remove_suffix(1);
  const auto line = trim(raw);
  if (line.empty() || is_comment(line))
    return;
  if (line.front() == '[') {
    read_header(line, line_number);
  } else {
    read_entry(line, raw.front() == ' ' || raw.front() == '\t', line_number);
  }
}

void IniReader::read_header(std::string_view line, int line_number) {
  nested_.clear();
  section_.reset();
  after_bad_header_ = true;
  const auto close = line.find(']');
  if (close == std::string_view::npos)
    return error(line_number, "section header without ']'");
  const auto rest = trim(line.substr(close + 1));
  if (!rest.empty() && !is_comment(rest))
    return error(line_number, "unexpected text after the section header");
  const auto name = trim(line.substr(1, close - 1));
  if (name.empty())
    return error(line_number, "empty section name");
  if (rules_.repeats_are_errors) {
    const auto first = std::find_if(doc_.sections.begin(), doc_.sections.end(),
                                    [&](const IniSection& s) { return iequals(s.name, name); });
    if (first != doc_.sections.end()) {
      return error(line_number, "section [" + std::string(name) +
                                    "] appears again (first on line " +
                                    std::to_string(first->line) + ")");
    }
  }
  after_bad_header_ = false;
  section_ = doc_.sections.size();
  doc_.sections.push_back(IniSection{std::string(name), line_number, {}});
}

void IniReader::read_entry(std::string_view line, bool indented, int line_number) {
  const auto separator = line.find_first_of(rules_.separators);
  if (separator == std::string_view::npos)
    return error(line_number, "expected KEY = VALUE, a [SECTION] or a comment");
  std::string key(trim(line.substr(0, separator)));
  if (key.empty())
    return error(line_number, "a value without a key");
  if (!section_) {
    if (!after_bad_header_)
      error(line_number, "key " + key + " comes before any [SECTION]");
    return;
  }
  auto& section = doc_.sections[*section_];
  const auto raw_value = trim(line.substr(separator + 1));
  if (rules_.nested_blocks) {
    if (indented && !nested_.empty()) {
      key = nested_ + "." + key;
    } else {
      nested_ = raw_value.empty() ? key : std::string();
    }
  }
  if (rules_.repeats_are_errors) {
    const auto first = std::find_if(section.entries.begin(), section.entries.end(),
                                    [&](const IniEntry& e) { return iequals(e.key, key); });
    if (first != section.entries.end()) {
      return error(line_number, "key " + key + " appears again in [" + section.name +
                                    "] (first on line " + std::to_string(first->line) + ")");
    }
  }
  std::string value(raw_value);
  std::string problem;
  if (rules_.unquote_values && !raw_value.empty() &&
      (raw_value.front() == '\'' || raw_value.front() == '"') &&
      !unquote(raw_value, value, problem)) {
    return error(line_number, problem + " for key " + key);
  }
  section.entries.push_back(IniEntry{std::move(key), std::move(value), line_number});
}

}  // namespace

std::string Issue::text() const {
  if (line > 0)
    return file + ":" + std::to_string(line) + ": " + message;
  return file + ": " + message;
}

IniDocument parse_ini(std::string_view text, const std::string& file_name, const IniRules& rules) {
  if (text.starts_with("\xEF\xBB\xBF"))
    text.remove_prefix(3);
  IniReader reader(file_name, rules);
  int line_number = 0;
  while (!text.empty()) {
    const auto end = text.find('\n');
    reader.read_line(text.substr(0, end), ++line_number);
    text = end == std::string_view::npos ? std::string_view{} : text.substr(end + 1);
  }
  return reader.take();
}

}  // namespace sparkify::config
