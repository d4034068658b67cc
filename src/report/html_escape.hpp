// Escaping text for HTML and SVG, in element content and in quoted attributes.
#pragma once

#include <string>
#include <string_view>

namespace sparkify::report {

// Escapes & < > " ' as character references; replaces invalid UTF-8 and the
// control characters XML forbids (all of U+0000-U+001F except tab, LF and CR)
// with U+FFFD. Safe in element content and in single- or double-quoted
// attribute values of HTML and of inline SVG.
std::string html_escape(std::string_view text);

}  // namespace sparkify::report
