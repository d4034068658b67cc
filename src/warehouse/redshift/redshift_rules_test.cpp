// Rules of Redshift's SQL that a parser does not see, checked on every statement the
// Redshift engine can send (its own and the portable ones it uses) and on the
// --dry-run plans. Each rule names the page of Amazon's Redshift Database Developer
// Guide it comes from; docs/redshift.md lists them with this test.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "warehouse/embedded_sql.hpp"
#include "warehouse/redshift/redshift_plan.hpp"

namespace sparkify {
namespace {

// "Reserved words" (r_pg_keywords): usable only as delimited identifiers.
const std::set<std::string> kReservedWords = {"AES128",
                                              "AES256",
                                              "ALL",
                                              "ALLOWOVERWRITE",
                                              "ANALYSE",
                                              "ANALYZE",
                                              "AND",
                                              "ANY",
                                              "ARRAY",
                                              "AS",
                                              "ASC",
                                              "AUTHORIZATION",
                                              "AZ64",
                                              "BACKUP",
                                              "BETWEEN",
                                              "BINARY",
                                              "BLANKSASNULL",
                                              "BOTH",
                                              "BYTEDICT",
                                              "BZIP2",
                                              "CASE",
                                              "CAST",
                                              "CHECK",
                                              "COLLATE",
                                              "COLUMN",
                                              "CONSTRAINT",
                                              "CREATE",
                                              "CREDENTIALS",
                                              "CROSS",
                                              "CURRENT_DATE",
                                              "CURRENT_TIME",
                                              "CURRENT_TIMESTAMP",
                                              "CURRENT_USER",
                                              "CURRENT_USER_ID",
                                              "DEFAULT",
                                              "DEFERRABLE",
                                              "DEFLATE",
                                              "DEFRAG",
                                              "DELTA",
                                              "DELTA32K",
                                              "DESC",
                                              "DISABLE",
                                              "DISTINCT",
                                              "DO",
                                              "ELSE",
                                              "EMPTYASNULL",
                                              "ENABLE",
                                              "ENCODE",
                                              "ENCRYPT",
                                              "ENCRYPTION",
                                              "END",
                                              "EXCEPT",
                                              "EXPLICIT",
                                              "FALSE",
                                              "FOR",
                                              "FOREIGN",
                                              "FREEZE",
                                              "FROM",
                                              "FULL",
                                              "GLOBALDICT256",
                                              "GLOBALDICT64K",
                                              "GRANT",
                                              "GROUP",
                                              "GZIP",
                                              "HAVING",
                                              "IDENTITY",
                                              "IGNORE",
                                              "ILIKE",
                                              "IN",
                                              "INITIALLY",
                                              "INNER",
                                              "INTERSECT",
                                              "INTERVAL",
                                              "INTO",
                                              "IS",
                                              "ISNULL",
                                              "JOIN",
                                              "LEADING",
                                              "LEFT",
                                              "LIKE",
                                              "LIMIT",
                                              "LOCALTIME",
                                              "LOCALTIMESTAMP",
                                              "LUN",
                                              "LUNS",
                                              "LZO",
                                              "LZOP",
                                              "MINUS",
                                              "MOSTLY16",
                                              "MOSTLY32",
                                              "MOSTLY8",
                                              "NATURAL",
                                              "NEW",
                                              "NOT",
                                              "NOTNULL",
                                              "NULL",
                                              "NULLS",
                                              "OFF",
                                              "OFFLINE",
                                              "OFFSET",
                                              "OID",
                                              "OLD",
                                              "ON",
                                              "ONLY",
                                              "OPEN",
                                              "OR",
                                              "ORDER",
                                              "OUTER",
                                              "OVERLAPS",
                                              "PARALLEL",
                                              "PARTITION",
                                              "PERCENT",
                                              "PERMISSIONS",
                                              "PIVOT",
                                              "PLACING",
                                              "PRIMARY",
                                              "RAW",
                                              "READRATIO",
                                              "RECOVER",
                                              "REFERENCES",
                                              "REJECTLOG",
                                              "RESORT",
                                              "RESPECT",
                                              "RESTORE",
                                              "RIGHT",
                                              "SELECT",
                                              "SESSION_USER",
                                              "SIMILAR",
                                              "SNAPSHOT",
                                              "SOME",
                                              "SYSDATE",
                                              "SYSTEM",
                                              "TABLE",
                                              "TAG",
                                              "TDES",
                                              "TEXT255",
                                              "TEXT32K",
                                              "THEN",
                                              "TIMESTAMP",
                                              "TO",
                                              "TOP",
                                              "TRAILING",
                                              "TRUE",
                                              "TRUNCATECOLUMNS",
                                              "UNION",
                                              "UNIQUE",
                                              "UNNEST",
                                              "UNPIVOT",
                                              "USER",
                                              "USING",
                                              "VERBOSE",
                                              "WALLET",
                                              "WHEN",
                                              "WHERE",
                                              "WITH",
                                              "WITHOUT"};

// Reserved words that follow AS without being a name: a type in CAST(x AS type), the
// query of CREATE TABLE t AS SELECT.
const std::set<std::string> kNotNamesAfterAs = {"TIMESTAMP", "SELECT"};

// "Leader node-only functions" (c_SQL_functions_leader_node_only): an error in a
// statement that reads a user table.
const std::vector<std::string> kLeaderNodeOnly = {"CURRENT_SCHEMAS",
                                                  "HAS_DATABASE_PRIVILEGE",
                                                  "HAS_SCHEMA_PRIVILEGE",
                                                  "HAS_TABLE_PRIVILEGE",
                                                  "SUBSTR",
                                                  "FACTORIAL",
                                                  "AGE",
                                                  "ISFINITE",
                                                  "NOW",
                                                  "GETBIT",
                                                  "GET_BYTE",
                                                  "SET_BIT",
                                                  "SET_BYTE",
                                                  "TO_ASCII"};

std::string upper(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return text;
}

// The statement without its -- comments and '...' strings (which may name anything).
std::string code_of(std::string_view sql) {
  std::string out;
  std::istringstream lines{std::string(sql)};
  for (std::string line; std::getline(lines, line);)
    out += line.substr(0, line.find("--")) + "\n";
  return std::regex_replace(out, std::regex("'([^']|'')*'"), "''");
}

// Every statement the engine resolves, and the dry-run plans (which hold them all in
// the order they run).
std::vector<std::pair<std::string, std::string>> redshift_sql() {
  std::vector<std::pair<std::string, std::string>> all;
  for (const auto& name : engine_statement_names("redshift", ""))
    all.emplace_back(name, std::string(engine_statement("redshift", name)));
  const redshift::RedshiftOptions options;
  all.emplace_back("init plan", redshift::init_plan(options));
  all.emplace_back("load plan", redshift::load_plan(options, std::nullopt));
  all.emplace_back("replay plan", redshift::replay_plan(options));
  return all;
}

std::vector<std::string> reserved_aliases(std::string_view sql) {
  std::vector<std::string> found;
  const std::string code = code_of(sql);
  static const std::regex kAlias(R"(\bAS\s+([A-Za-z_][A-Za-z0-9_]*))", std::regex::icase);
  for (auto it = std::sregex_iterator(code.begin(), code.end(), kAlias);
       it != std::sregex_iterator(); ++it) {
    const std::string word = upper((*it)[1]);
    if (kReservedWords.contains(word) && !kNotNamesAfterAs.contains(word))
      found.push_back((*it)[1]);
  }
  return found;
}

bool binds_limit(std::string_view sql) {
  static const std::regex kBoundLimit(R"(\b(LIMIT|OFFSET)\s+\$[0-9])", std::regex::icase);
  return std::regex_search(code_of(sql), kBoundLimit);
}

std::vector<std::string> leader_only_calls(std::string_view sql) {
  std::vector<std::string> found;
  const std::string code = upper(code_of(sql));
  for (const auto& function : kLeaderNodeOnly) {
    if (std::regex_search(code, std::regex("\\b" + function + "\\s*\\(")))
      found.push_back(function);
  }
  return found;
}

TEST(RedshiftRules, NoReservedWordAsAnUnquotedName) {
  for (const auto& [name, sql] : redshift_sql()) {
    for (const auto& word : reserved_aliases(sql))
      ADD_FAILURE() << name << " uses the reserved word " << word << " as a name";
  }
}

TEST(RedshiftRules, NoBoundParameterInLimitOrOffset) {
  for (const auto& [name, sql] : redshift_sql())
    EXPECT_FALSE(binds_limit(sql)) << name << " binds a parameter in LIMIT or OFFSET";
}

TEST(RedshiftRules, NoLeaderNodeOnlyFunction) {
  for (const auto& [name, sql] : redshift_sql()) {
    for (const auto& function : leader_only_calls(sql))
      ADD_FAILURE() << name << " calls the leader-node-only function " << function;
  }
}

// The checks themselves find what they are for.
TEST(RedshiftRules, TheChecksFindTheirCases) {
  EXPECT_EQ(reserved_aliases("SELECT a FROM (SELECT 1 AS a) AS top"),
            std::vector<std::string>{"top"});
  EXPECT_TRUE(reserved_aliases("SELECT CAST(x AS TIMESTAMP) AS start_time -- AS top").empty());
  EXPECT_TRUE(reserved_aliases("CREATE TEMP TABLE t AS\nSELECT 1 AS a").empty());
  EXPECT_TRUE(reserved_aliases("SELECT 'AS top' AS label").empty());
  EXPECT_TRUE(binds_limit("SELECT * FROM t ORDER BY a LIMIT $1"));
  EXPECT_TRUE(binds_limit("SELECT * FROM t ORDER BY a LIMIT 10 OFFSET $2"));
  EXPECT_FALSE(binds_limit("SELECT * FROM t ORDER BY a LIMIT 10"));
  EXPECT_EQ(leader_only_calls("SELECT substr(name, 1, 2) FROM d_user"),
            std::vector<std::string>{"SUBSTR"});
  EXPECT_TRUE(leader_only_calls("SELECT SUBSTRING(name, 1, 2) FROM d_user").empty());
}

}  // namespace
}  // namespace sparkify
