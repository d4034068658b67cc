#include "config/ini.hpp"

#include <algorithm>

#include "core/ascii_text.hpp"

namespace sparkify::config {
namespace {

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\v' || c == '\f';
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_space(s.front()))
    s.remove_prefix(1);
  while (!s.empty() && is_space(s.back()))
    s.remove_suffix(1);
  return s;
}

bool is_comment(std::string_view s) {
  return !s.empty() && (s.front() == '#' || s.front() == ';');
}

// Parses a value. Returns false (and sets error) when it is malformed.
bool parse_value(std::string_view raw, std::string& out, std::string& error) {
  if (raw.empty() || (raw.front() != '\'' && raw.front() != '"')) {
    out.assign(raw);
    return true;
  }
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

}  // namespace

std::string Issue::text() const {
  if (line > 0)
    return file + ":" + std::to_string(line) + ": " + message;
  return file + ": " + message;
}

IniDocument parse_ini(std::string_view text, const std::string& file_name) {
  IniDocument doc;
  if (text.starts_with("\xEF\xBB\xBF"))
    text.remove_prefix(3);
  auto error = [&](int line, std::string message) {
    doc.errors.push_back(Issue{file_name, line, std::move(message)});
  };
  int line_number = 0;
  while (!text.empty()) {
    ++line_number;
    const auto end = text.find('\n');
    auto line = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view{} : text.substr(end + 1);
    if (line.ends_with('\r'))
      line.remove_suffix(1);
    line = trim(line);
    if (line.empty() || is_comment(line))
      continue;

    if (line.front() == '[') {
      const auto close = line.find(']');
      if (close == std::string_view::npos) {
        error(line_number, "section header without ']'");
        continue;
      }
      const auto rest = trim(line.substr(close + 1));
      if (!rest.empty() && !is_comment(rest)) {
        error(line_number, "unexpected text after the section header");
        continue;
      }
      const auto name = trim(line.substr(1, close - 1));
      if (name.empty()) {
        error(line_number, "empty section name");
        continue;
      }
      const auto duplicate =
          std::find_if(doc.sections.begin(), doc.sections.end(),
                       [&](const IniSection& s) { return iequals(s.name, name); });
      if (duplicate != doc.sections.end()) {
        error(line_number, "section [" + std::string(name) + "] appears again (first on line " +
                               std::to_string(duplicate->line) + ")");
        continue;
      }
      doc.sections.push_back(IniSection{std::string(name), line_number, {}});
      continue;
    }

    const auto separator = line.find_first_of("=:");
    if (separator == std::string_view::npos) {
      error(line_number, "expected KEY = VALUE, a [SECTION] or a comment");
      continue;
    }
    const auto key = trim(line.substr(0, separator));
    if (key.empty()) {
      error(line_number, "a value without a key");
      continue;
    }
    if (doc.sections.empty()) {
      error(line_number, "key " + std::string(key) + " comes before any [SECTION]");
      continue;
    }
    auto& section = doc.sections.back();
    const auto duplicate = std::find_if(section.entries.begin(), section.entries.end(),
                                        [&](const IniEntry& e) { return iequals(e.key, key); });
    if (duplicate != section.entries.end()) {
      error(line_number, "key " + std::string(key) + " appears again in [" + section.name +
                             "] (first on line " + std::to_string(duplicate->line) + ")");
      continue;
    }
    std::string value;
    std::string problem;
    if (!parse_value(trim(line.substr(separator + 1)), value, problem)) {
      error(line_number, problem + " for key " + std::string(key));
      continue;
    }
    section.entries.push_back(IniEntry{std::string(key), std::move(value), line_number});
  }
  return doc;
}

}  // namespace sparkify::config
