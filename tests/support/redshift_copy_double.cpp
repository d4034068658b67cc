#include "tests/support/redshift_copy_double.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <chrono>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <stdexcept>
#include <vector>

#include "warehouse/warehouse.hpp"

namespace sparkify::test {
namespace {

using nlohmann::json;

constexpr std::string_view kSystemTables = R"sql(
CREATE TABLE IF NOT EXISTS sys_load_error_detail (
  user_id integer, query_id bigint, transaction_id bigint, session_id integer,
  database_name character(64), table_id integer, start_time timestamp,
  file_name character(256), line_number bigint, column_name character(127),
  column_type character(10), column_length character(10), position integer,
  error_code integer, error_message character(512));
CREATE TABLE IF NOT EXISTS sys_load_detail (
  user_id integer, query_id bigint, file_name character(256), bytes_scanned bigint,
  lines_scanned bigint, splits_scanned integer, record_time timestamp, start_time timestamp,
  end_time timestamp);
CREATE SEQUENCE IF NOT EXISTS sys_query_id START 1000;
CREATE OR REPLACE FUNCTION pg_last_copy_id() RETURNS integer LANGUAGE sql STABLE AS
  $$ SELECT COALESCE(NULLIF(current_setting('sparkify.last_copy_id', true), ''), '-1')::integer $$;
)sql";

// --- the statement ---------------------------------------------------------------

struct Token {
  enum Kind { word, literal, punct } kind;
  std::string text;
};

// Words, parentheses and commas, and string constants as Redshift reads them
// (standard_conforming_strings off: '' and \x escape the next character).
std::vector<Token> tokenize(std::string_view sql) {
  std::vector<Token> out;
  std::size_t i = 0;
  while (i < sql.size()) {
    const char c = sql[i];
    if (std::isspace(static_cast<unsigned char>(c)) || c == ';') {
      ++i;
    } else if (c == '-' && i + 1 < sql.size() && sql[i + 1] == '-') {
      while (i < sql.size() && sql[i] != '\n')
        ++i;
    } else if (c == '\'') {
      std::string text;
      ++i;
      for (;;) {
        if (i >= sql.size())
          throw WarehouseError("COPY double: unterminated string constant");
        if (sql[i] == '\'' && i + 1 < sql.size() && sql[i + 1] == '\'') {
          text.push_back('\'');
          i += 2;
        } else if (sql[i] == '\\' && i + 1 < sql.size()) {
          text.push_back(sql[i + 1]);
          i += 2;
        } else if (sql[i] == '\'') {
          ++i;
          break;
        } else {
          text.push_back(sql[i++]);
        }
      }
      out.push_back({Token::literal, text});
    } else if (c == '(' || c == ')' || c == ',') {
      out.push_back({Token::punct, std::string(1, c)});
      ++i;
    } else {
      std::string word;
      while (i < sql.size() && !std::isspace(static_cast<unsigned char>(sql[i])) && sql[i] != '(' &&
             sql[i] != ')' && sql[i] != ',' && sql[i] != ';' && sql[i] != '\'')
        word.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(sql[i++]))));
      out.push_back({Token::word, word});
    }
  }
  return out;
}

struct CopyCommand {
  std::string table;
  std::vector<std::string> columns;
  std::string from;
  std::string jsonpaths;
  bool manifest = false;
  std::int64_t max_errors = 0;
  std::string region;  // empty: the cluster's own
};

CopyCommand parse_copy(std::string_view sql) {
  const auto tokens = tokenize(sql);
  std::size_t i = 0;
  const auto next = [&]() -> const Token& {
    if (i >= tokens.size())
      throw WarehouseError("COPY double: the statement ends too early");
    return tokens[i++];
  };
  const auto expect_word = [&](std::string_view w) {
    const Token& t = next();
    if (t.kind != Token::word || t.text != w)
      throw WarehouseError(fmt::format("COPY double: expected {}, found {}", w, t.text));
  };
  const auto literal = [&]() {
    const Token& t = next();
    if (t.kind != Token::literal)
      throw WarehouseError(
          fmt::format("COPY double: expected a string constant, found {}", t.text));
    return t.text;
  };
  CopyCommand c;
  expect_word("COPY");
  c.table = next().text;
  for (auto& ch : c.table)
    ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  if (i < tokens.size() && tokens[i].text == "(") {
    ++i;
    for (;;) {
      std::string col = next().text;
      for (auto& ch : col)
        ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      c.columns.push_back(col);
      const Token& sep = next();
      if (sep.text == ")")
        break;
      if (sep.text != ",")
        throw WarehouseError("COPY double: bad column list");
    }
  }
  expect_word("FROM");
  c.from = literal();
  bool json_format = false;
  while (i < tokens.size()) {
    const Token& t = next();
    if (t.text == "IAM_ROLE") {
      literal();
    } else if (t.text == "REGION") {
      c.region = literal();
    } else if (t.text == "FORMAT") {
      if (i < tokens.size() && tokens[i].text == "AS")
        ++i;
      expect_word("JSON");
      json_format = true;
      c.jsonpaths = literal();
    } else if (t.text == "MANIFEST") {
      c.manifest = true;
    } else if (t.text == "MAXERROR") {
      if (i < tokens.size() && tokens[i].text == "AS")
        ++i;
      const std::string n = next().text;
      if (std::from_chars(n.data(), n.data() + n.size(), c.max_errors).ec != std::errc{})
        throw WarehouseError("COPY double: MAXERROR needs a number");
    } else if (t.text == "COMPUPDATE" || t.text == "STATUPDATE") {
      next();  // ON | OFF
    } else {
      throw WarehouseError(fmt::format("COPY double: option {} is not emulated", t.text));
    }
  }
  if (!json_format || !c.manifest || !c.jsonpaths.starts_with("s3://"))
    throw WarehouseError("COPY double: only FORMAT AS JSON 's3://jsonpaths' with MANIFEST");
  return c;
}

// --- S3 ---------------------------------------------------------------------------

std::pair<std::string, std::string> split_url(const std::string& url) {
  if (!url.starts_with("s3://"))
    throw WarehouseError(fmt::format("S3ServiceException: not an s3:// URL: {}", url));
  const auto slash = url.find('/', 5);
  if (slash == std::string::npos)
    throw WarehouseError(fmt::format("S3ServiceException: no key in {}", url));
  return {url.substr(5, slash - 5), url.substr(slash + 1)};
}

// COPY ... REGION r reads every file, the manifest included, from r; a bucket
// elsewhere fails the COPY (as S3 answers a request sent to the wrong region).
// Buckets found in the region are asked once per COPY (in_region).
std::optional<std::string> get(s3::S3Client& client, const std::string& url,
                               const std::string& region, std::set<std::string>& in_region) {
  const auto [bucket, key] = split_url(url);
  try {
    if (!region.empty() && !in_region.contains(bucket)) {
      if (client.bucket_region(bucket) != region) {
        throw WarehouseError(fmt::format(
            "S3ServiceException:The bucket you are attempting to access must be addressed "
            "using the specified endpoint,Status 301 ({} is not in {})",
            bucket, region));
      }
      in_region.insert(bucket);
    }
    return client.get_object(bucket, key).body;
  } catch (const s3::S3Error& e) {
    if (e.kind() == s3::S3Error::Kind::kNoSuchKey || e.kind() == s3::S3Error::Kind::kNoSuchBucket)
      return std::nullopt;
    throw WarehouseError(fmt::format("S3ServiceException: {}", e.what()));
  }
}

// --- JSON paths and values -----------------------------------------------------------

// $['a']['b'], $.a.b or $["a"]: the names along the path.
std::vector<std::string> parse_jsonpath(const std::string& path) {
  if (!path.starts_with("$"))
    throw WarehouseError(fmt::format("Invalid JSONPath format: {}", path));
  std::vector<std::string> names;
  std::size_t i = 1;
  while (i < path.size()) {
    if (path[i] == '.') {
      std::size_t j = i + 1;
      while (j < path.size() && path[j] != '.' && path[j] != '[')
        ++j;
      names.push_back(path.substr(i + 1, j - i - 1));
      i = j;
    } else if (path[i] == '[' && i + 1 < path.size() &&
               (path[i + 1] == '\'' || path[i + 1] == '"')) {
      const char q = path[i + 1];
      const auto end = path.find(q, i + 2);
      if (end == std::string::npos || end + 1 >= path.size() || path[end + 1] != ']')
        throw WarehouseError(fmt::format("Invalid JSONPath format: {}", path));
      names.push_back(path.substr(i + 2, end - i - 2));
      i = end + 2;
    } else {
      throw WarehouseError(fmt::format("Invalid JSONPath format: {}", path));
    }
  }
  return names;
}

bool valid_utf8(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t n = 0;
    if (c < 0x80)
      n = 0;
    else if (c >= 0xC2 && c <= 0xDF)
      n = 1;
    else if ((c & 0xF0) == 0xE0)
      n = 2;
    else if (c >= 0xF0 && c <= 0xF4)
      n = 3;
    else
      return false;
    if (i + n >= s.size())
      return false;
    for (std::size_t k = 1; k <= n; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80)
        return false;
    }
    i += n + 1;
  }
  return true;
}

// Cut to at most n bytes without splitting a UTF-8 character (CHAR(n) columns).
std::string cut(std::string_view s, std::size_t n) {
  if (s.size() <= n)
    return std::string(s);
  while (n > 0 && (static_cast<unsigned char>(s[n]) >> 6) == 0x2)
    --n;
  return std::string(s.substr(0, n));
}

struct Column {
  std::string name;
  std::string type;         // information_schema data_type
  std::int64_t length = 0;  // character_maximum_length, 0 when none
};

struct LoadError {
  std::string column;
  std::string type;
  int code = 0;
  std::string reason;
};

std::optional<std::int64_t> to_bigint(std::string_view text) {
  std::int64_t v = 0;
  while (!text.empty() && text.front() == ' ')
    text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ')
    text.remove_suffix(1);
  if (!text.empty() && text.front() == '+')
    text.remove_prefix(1);
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (text.empty() || ec != std::errc{} || ptr != text.data() + text.size())
    return std::nullopt;
  return v;
}

// One JSON value into one column, or the load error it causes.
Value convert(const json& v, const Column& col, std::optional<LoadError>& error) {
  if (v.is_null())
    return Value{};
  const std::string text = v.is_string() ? v.get<std::string>() : v.dump();
  const auto fail = [&](int code, std::string reason) {
    error = LoadError{col.name, col.type, code, std::move(reason)};
    return Value{};
  };
  if (col.type == "bigint" || col.type == "integer" || col.type == "smallint") {
    if (v.is_number_integer())
      return Value{v.get<std::int64_t>()};
    if (v.is_string()) {
      if (auto n = to_bigint(text))
        return Value{*n};
    }
    return fail(1207, fmt::format("Invalid digit, Value '{}', Pos 0, Type: Long",
                                  text.substr(0, std::min<std::size_t>(text.size(), 1))));
  }
  if (col.type == "double precision" || col.type == "real") {
    if (v.is_number())
      return Value{v.get<double>()};
    if (v.is_string()) {
      double d = 0;
      const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), d);
      if (!text.empty() && ec == std::errc{} && ptr == text.data() + text.size())
        return Value{d};
    }
    return fail(1208, "FLOAT data type format error");
  }
  // VARCHAR: the string, or the JSON text of anything else; lengths count bytes.
  if (col.length > 0 && static_cast<std::int64_t>(text.size()) > col.length)
    return fail(1204, "String length exceeds DDL length");
  return Value{text};
}

json lookup(const json& object, const std::vector<std::string>& path) {
  const json* at = &object;
  for (const auto& name : path) {
    if (!at->is_object())
      return json();
    const auto it = at->find(name);
    if (it == at->end())
      return json();
    at = &*it;
  }
  return *at;
}

}  // namespace

RedshiftCopyDouble::RedshiftCopyDouble(const std::string& conninfo, s3::S3Config s3)
    : system_(conninfo), s3_(std::move(s3)) {
  system_.execute_script(kSystemTables);
}

void RedshiftCopyDouble::run(RedshiftWarehouse& warehouse, std::string_view copy_sql) {
  const CopyCommand cmd = parse_copy(copy_sql);
  const auto started = std::chrono::steady_clock::now();
  const std::int64_t query =
      to_int(system_.query("SELECT nextval('sys_query_id')").rows.at(0).at(0));
  pg::Connection& session = warehouse.connection();
  // pg_last_copy_id() of this session is this COPY, whatever happens next.
  session.query("SELECT set_config('sparkify.last_copy_id', $1, false)", {std::to_string(query)});
  ++copies_;

  // The table's columns, in the COPY's order.
  std::vector<Column> columns;
  const Table described = session.query(
      "SELECT column_name, data_type, COALESCE(character_maximum_length, 0) "
      "FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1 "
      "ORDER BY ordinal_position",
      {cmd.table});
  for (const auto& row : described.rows)
    columns.push_back(Column{*to_text(row[0]), *to_text(row[1]), to_int(row[2])});
  if (!cmd.columns.empty()) {
    std::vector<Column> chosen;
    for (const auto& name : cmd.columns) {
      const auto it = std::find_if(columns.begin(), columns.end(),
                                   [&](const Column& c) { return c.name == name; });
      if (it == columns.end())
        throw WarehouseError(
            fmt::format("column \"{}\" of relation \"{}\" does not exist", name, cmd.table));
      chosen.push_back(*it);
    }
    columns = std::move(chosen);
  }

  // The manifest and the JSONPaths file.
  std::set<std::string> in_region;
  const auto manifest_text = get(s3_, cmd.from, cmd.region, in_region);
  if (!manifest_text) {
    throw WarehouseError(fmt::format(
        "Problem reading manifest file - S3ServiceException:The specified key does not exist, "
        "manifest {}",
        cmd.from));
  }
  json manifest;
  try {
    manifest = json::parse(*manifest_text);
  } catch (const json::exception&) {
    throw WarehouseError(fmt::format("Manifest file is not in correct json format: {}", cmd.from));
  }
  if (!manifest.contains("entries") || !manifest["entries"].is_array())
    throw WarehouseError(fmt::format("Manifest file has no entries array: {}", cmd.from));
  const auto jsonpaths_text = get(s3_, cmd.jsonpaths, cmd.region, in_region);
  if (!jsonpaths_text)
    throw WarehouseError(fmt::format("JSONPaths file not found: {}", cmd.jsonpaths));
  std::vector<std::vector<std::string>> paths;
  try {
    const json jsonpaths = json::parse(*jsonpaths_text);
    for (const auto& p : jsonpaths.at("jsonpaths"))
      paths.push_back(parse_jsonpath(p.get<std::string>()));
  } catch (const json::exception&) {
    throw WarehouseError(fmt::format("Invalid JSONPaths file: {}", cmd.jsonpaths));
  }
  if (paths.size() != columns.size()) {
    throw WarehouseError(fmt::format(
        "Number of jsonpaths and the number of columns should match. JSONPath size: {}, Number of "
        "columns in table or column list: {}",
        paths.size(), columns.size()));
  }

  // Every listed object, line by line.
  std::vector<std::vector<Value>> rows;
  std::int64_t errors = 0;
  std::int64_t files = 0;
  for (const auto& entry : manifest["entries"]) {
    const std::string url = entry.value("url", "");
    const bool mandatory = entry.value("mandatory", false);
    const auto body = get(s3_, url, cmd.region, in_region);
    if (!body) {
      if (mandatory) {
        throw WarehouseError(
            fmt::format("Manifest file {} lists a mandatory file that is not present in S3: {}",
                        cmd.from, url));
      }
      continue;
    }
    ++files;
    std::int64_t line_number = 0;
    std::size_t start = 0;
    while (start < body->size()) {
      auto end = body->find('\n', start);
      if (end == std::string::npos)
        end = body->size();
      std::string_view line(body->data() + start, end - start);
      start = end + 1;
      ++line_number;
      if (line.ends_with('\r'))
        line.remove_suffix(1);
      if (line.find_first_not_of(" \t") == std::string_view::npos)
        continue;
      std::optional<LoadError> error;
      std::vector<Value> row;
      if (!valid_utf8(line)) {
        error = LoadError{"", "", 1220, "String contains invalid or unsupported UTF8 codepoints."};
      } else {
        json object;
        try {
          object = json::parse(line);
        } catch (const json::exception&) {
          error = LoadError{"", "", 1216, "Invalid JSON object or array"};
        }
        if (!error && !object.is_object())
          error = LoadError{"", "", 1216, "Invalid JSON object or array"};
        for (std::size_t c = 0; !error && c < columns.size(); ++c)
          row.push_back(convert(lookup(object, paths[c]), columns[c], error));
      }
      if (error) {
        ++errors;
        system_.execute(
            "INSERT INTO sys_load_error_detail (user_id, query_id, transaction_id, session_id, "
            "database_name, table_id, start_time, file_name, line_number, column_name, "
            "column_type, column_length, position, error_code, error_message) VALUES (100, $1, "
            "0, $2, current_database(), 0, now(), $3, $4, $5, $6, '', 0, $7, $8)",
            {query, std::int64_t{session.backend_pid()}, cut(url, 256), line_number,
             cut(error->column, 127), cut(error->type, 10), std::int64_t{error->code},
             cut(error->reason, 512)});
        continue;
      }
      rows.push_back(std::move(row));
    }
    const auto elapsed = std::chrono::duration_cast<std::chrono::microseconds>(
                             std::chrono::steady_clock::now() - started)
                             .count();
    system_.execute(
        "INSERT INTO sys_load_detail (user_id, query_id, file_name, bytes_scanned, lines_scanned, "
        "splits_scanned, record_time, start_time, end_time) VALUES (100, $1, $2, $3, $4, 1, now(), "
        "now() - make_interval(secs => $5::double precision / 1e6), now())",
        {query, cut(url, 256), static_cast<std::int64_t>(body->size()), line_number,
         static_cast<std::int64_t>(elapsed)});
  }
  if (files == 0)
    throw WarehouseError(fmt::format("Manifest {} lists no file that exists", cmd.from));
  // "If the load returns the error_count number of errors or greater, the load
  // fails" (COPY, data load parameters): MAXERROR 5 tolerates 4; 0 and 1 none.
  if (errors > 0 && errors >= cmd.max_errors) {
    throw WarehouseError(fmt::format(
        "Load into table '{}' failed.  Check 'sys_load_error_detail' system table for details.",
        cmd.table));
  }

  // The rows, into the table, in the session's open transaction.
  std::string head = "INSERT INTO " + cmd.table + " (";
  for (std::size_t c = 0; c < columns.size(); ++c)
    head += (c == 0 ? "" : ", ") + columns[c].name;
  head += ") VALUES";
  const std::size_t per_statement = kMaxBoundParameters / columns.size();
  for (std::size_t first = 0; first < rows.size(); first += per_statement) {
    const std::size_t n = std::min(per_statement, rows.size() - first);
    std::vector<Value> params;
    params.reserve(n * columns.size());
    for (std::size_t r = first; r < first + n; ++r)
      params.insert(params.end(), rows[r].begin(), rows[r].end());
    session.execute_params(multi_row_placeholders(head, n, columns.size()), params);
  }
}

}  // namespace sparkify::test
