#include "warehouse/libpq/pg_redact.hpp"

#include <cctype>

#include "core/ascii_text.hpp"

namespace sparkify::pg {
namespace {

bool is_secret_key(std::string_view key) {
  return iequals(key, "password") || iequals(key, "sslpassword");
}

bool is_space(char c) {
  return std::isspace(static_cast<unsigned char>(c)) != 0;
}

// URI form. The user-info password is everything between the first ':' after the
// scheme and the last '@' of the authority; query parameters named password or
// sslpassword lose their value up to the next '&'.
std::string redact_uri(std::string_view uri) {
  const auto scheme_end = uri.find("://") + 3;
  const auto query_pos = uri.find('?', scheme_end);
  const auto before_query = uri.substr(0, query_pos);
  std::string out;
  // Userinfo: take the last '@' before the query so that an unencoded '@' or '/'
  // inside the password is still covered (over-redacting is harmless).
  const auto at = before_query.rfind('@');
  if (at != std::string_view::npos && at >= scheme_end) {
    const auto userinfo = before_query.substr(scheme_end, at - scheme_end);
    const auto colon = userinfo.find(':');
    out.append(uri.substr(0, scheme_end));
    if (colon == std::string_view::npos) {
      out.append(userinfo);
    } else {
      out.append(userinfo.substr(0, colon + 1));
      out.append(kRedacted);
    }
    out.append(before_query.substr(at));
  } else {
    out.append(before_query);
  }
  if (query_pos == std::string_view::npos)
    return out;

  out.push_back('?');
  auto query = uri.substr(query_pos + 1);
  bool first = true;
  while (true) {
    const auto amp = query.find('&');
    const auto param = query.substr(0, amp);
    if (!first)
      out.push_back('&');
    first = false;
    const auto eq = param.find('=');
    if (eq != std::string_view::npos && is_secret_key(param.substr(0, eq))) {
      out.append(param.substr(0, eq + 1));
      out.append(kRedacted);
    } else {
      out.append(param);
    }
    if (amp == std::string_view::npos)
      break;
    query = query.substr(amp + 1);
  }
  return out;
}

// Keyword form: key = value pairs separated by white space; a value is either
// single-quoted (backslash escapes anything) or runs to the next white space
// (backslash escapes there too). Everything but secret values is kept verbatim.
std::string redact_keywords(std::string_view text) {
  std::string out;
  std::size_t i = 0;
  const auto n = text.size();
  while (i < n) {
    // White space between pairs.
    const auto ws_start = i;
    while (i < n && is_space(text[i]))
      ++i;
    out.append(text.substr(ws_start, i - ws_start));
    if (i >= n)
      break;
    // The key.
    const auto key_start = i;
    while (i < n && !is_space(text[i]) && text[i] != '=')
      ++i;
    const auto key = text.substr(key_start, i - key_start);
    const bool secret = is_secret_key(key);
    // A token that is not key=value but starts like a password key (a typo such as
    // "passwordsecret") may hold the password: drop it and the rest.
    const bool looks_secret = istarts_with(key, "password") || istarts_with(key, "sslpassword");
    // White space, '=', white space.
    while (i < n && is_space(text[i]))
      ++i;
    if (i >= n || text[i] != '=') {
      // Malformed: keep the key but drop anything after a secret key.
      if (looks_secret) {
        out.append(kRedacted);
        return out;
      }
      out.append(text.substr(key_start, i - key_start));
      continue;
    }
    ++i;
    while (i < n && is_space(text[i]))
      ++i;
    out.append(text.substr(key_start, i - key_start));
    // The value.
    const auto value_start = i;
    if (i < n && text[i] == '\'') {
      ++i;
      bool closed = false;
      while (i < n) {
        if (text[i] == '\\' && i + 1 < n) {
          i += 2;
        } else if (text[i] == '\'') {
          ++i;
          closed = true;
          break;
        } else {
          ++i;
        }
      }
      if (secret) {
        out.append("'");
        out.append(kRedacted);
        out.append("'");
        if (!closed)
          return out;
      } else {
        out.append(text.substr(value_start, i - value_start));
      }
    } else {
      while (i < n && !is_space(text[i])) {
        i += (text[i] == '\\' && i + 1 < n) ? 2 : 1;
      }
      out.append(secret ? kRedacted : text.substr(value_start, i - value_start));
    }
  }
  return out;
}

}  // namespace

bool is_conninfo_uri(std::string_view conninfo) {
  std::size_t i = 0;
  while (i < conninfo.size() && is_space(conninfo[i]))
    ++i;
  const auto rest = conninfo.substr(i);
  return istarts_with(rest, "postgresql://") || istarts_with(rest, "postgres://");
}

std::string redact_conninfo(std::string_view conninfo) {
  if (is_conninfo_uri(conninfo)) {
    std::size_t i = 0;
    while (i < conninfo.size() && is_space(conninfo[i]))
      ++i;
    return std::string(conninfo.substr(0, i)) + redact_uri(conninfo.substr(i));
  }
  return redact_keywords(conninfo);
}

}  // namespace sparkify::pg
