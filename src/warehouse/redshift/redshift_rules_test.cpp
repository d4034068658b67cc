// Rules of Redshift's SQL that a parser does not see, checked on every statement the
// Redshift engine can send (its own and the portable ones it uses) and on the
// --dry-run plans. Each rule names the page of Amazon's Redshift Database Developer
// Guide it comes from; docs/redshift.md lists them with this test.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <map>
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
  // A column or table alias, and a common table expression's name.
  static const std::regex kAlias(R"(\bAS\s+([A-Za-z_][A-Za-z0-9_]*))", std::regex::icase);
  static const std::regex kCteName(R"((?:\bWITH|,)\s*([A-Za-z_][A-Za-z0-9_]*)\s+AS\s*\()",
                                   std::regex::icase);
  for (const auto* names : {&kAlias, &kCteName}) {
    for (auto it = std::sregex_iterator(code.begin(), code.end(), *names);
         it != std::sregex_iterator(); ++it) {
      const std::string word = upper((*it)[1]);
      if (kReservedWords.contains(word) && !kNotNamesAfterAs.contains(word))
        found.push_back((*it)[1]);
    }
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

// A table as the schema files leave it: its distribution style and the byte width of
// each VARCHAR column.
struct FinalTable {
  std::string distribution;  // ALL | EVEN | AUTO | KEY
  std::map<std::string, int> widths;
};

// Plays the init plan's CREATE TABLE, ADD COLUMN, RENAME TO and DROP TABLE statements
// in order, so a table rebuilt by a later schema version has that version's shape.
std::map<std::string, FinalTable> final_tables(std::string_view plan) {
  const std::string code = code_of(plan);
  static const std::regex kStatement(
      R"(CREATE TABLE ([a-z_0-9]+) \(|ALTER TABLE ([a-z_0-9]+) RENAME TO ([a-z_0-9]+);|)"
      R"(DROP TABLE ([a-z_0-9]+)|ALTER TABLE ([a-z_0-9]+) ADD COLUMN ([a-z_]+) VARCHAR\((\d+)\))");
  static const std::regex kColumn(R"((?:^|\n)\s*([a-z_]+)\s+VARCHAR\((\d+)\))");
  static const std::regex kStyle(R"(^\)\s*(DISTSTYLE (ALL|EVEN|AUTO|KEY)|DISTKEY))");
  std::map<std::string, FinalTable> tables;
  for (std::sregex_iterator it(code.begin(), code.end(), kStatement), end; it != end; ++it) {
    const std::smatch& m = *it;
    if (m[1].matched) {
      // The column list ends at the parenthesis that closes the one after the name.
      std::size_t at = static_cast<std::size_t>(m.position(0) + m.length(0));
      for (int depth = 1; depth > 0 && at < code.size(); ++at)
        depth += code[at] == '(' ? 1 : code[at] == ')' ? -1 : 0;
      const std::size_t open = static_cast<std::size_t>(m.position(0) + m.length(0));
      const std::string body = code.substr(open, at - 1 - open);
      FinalTable table;
      for (std::sregex_iterator c(body.begin(), body.end(), kColumn); c != end; ++c)
        table.widths[(*c)[1]] = std::stoi((*c)[2]);
      std::smatch style;
      const std::string after = code.substr(at - 1, 80);
      if (std::regex_search(after, style, kStyle))
        table.distribution = style[2].matched ? style[2].str() : "KEY";
      tables[m[1]] = table;
    } else if (m[2].matched) {
      tables[m[3]] = tables[m[2]];
      tables.erase(m[2]);
    } else if (m[4].matched) {
      tables.erase(m[4]);
    } else {
      tables[m[5]].widths[m[6]] = std::stoi(m[7]);
    }
  }
  return tables;
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

// "Choose the best distribution style": ALL suits slowly changing tables; an update of
// an ALL table writes the copy on every node. These tables change with every batch.
TEST(RedshiftRules, TablesEveryBatchWritesAreNotCopiedToEveryNode) {
  const auto tables = final_tables(redshift::init_plan(redshift::RedshiftOptions{}));
  for (const char* name : {"etl_batch", "d_user", "d_user_level", "a_user_counted_gender",
                           "a_artist_name_plays", "a_artist_name_gender_plays"}) {
    ASSERT_TRUE(tables.contains(name)) << name;
    EXPECT_NE(tables.at(name).distribution, "ALL") << name;
    EXPECT_FALSE(tables.at(name).distribution.empty()) << name;
  }
  EXPECT_EQ(tables.at("d_artist").distribution, "ALL");
}

// "Use the smallest possible column size": every VARCHAR is as wide as the parsers let
// its data be (core/records.hpp), but for the free text written once per batch or
// reject; COPY's landing table has the staged event's widths, so COPY refuses what the
// client path rejects.
TEST(RedshiftRules, ColumnsAreNoWiderThanTheirData) {
  const auto tables = final_tables(redshift::init_plan(redshift::RedshiftOptions{}));
  ASSERT_GE(tables.size(), 17u);
  const std::set<std::string> free_text = {"etl_batch.error", "etl_reject.raw_text"};
  for (const auto& [table, shape] : tables) {
    for (const auto& [column, width] : shape.widths) {
      if (!free_text.contains(table + "." + column)) {
        EXPECT_LE(width, 2048) << table << "." << column;
      }
    }
  }
  EXPECT_EQ(tables.at("d_user").widths.at("first_name"), 256);
  EXPECT_EQ(tables.at("f_songplay").widths.at("user_agent"), 2048);
  EXPECT_EQ(tables.at("f_songplay").widths.at("artist_name"), 1024);
  for (const auto& [column, width] : tables.at("s_raw_event").widths) {
    if (column != "user_id") {
      EXPECT_EQ(width, tables.at("s_songplay_event").widths.at(column)) << column;
    }
  }
}

// The checks themselves find what they are for.
TEST(RedshiftRules, TheChecksFindTheirCases) {
  EXPECT_EQ(reserved_aliases("SELECT a FROM (SELECT 1 AS a) AS top"),
            std::vector<std::string>{"top"});
  EXPECT_TRUE(reserved_aliases("SELECT CAST(x AS TIMESTAMP) AS start_time -- AS top").empty());
  EXPECT_TRUE(reserved_aliases("CREATE TEMP TABLE t AS\nSELECT 1 AS a").empty());
  EXPECT_EQ(reserved_aliases("WITH c AS (SELECT 1 AS a), top AS (SELECT a FROM c) SELECT 1"),
            std::vector<std::string>{"top"});
  EXPECT_TRUE(reserved_aliases("SELECT 'AS top' AS label").empty());
  EXPECT_TRUE(binds_limit("SELECT * FROM t ORDER BY a LIMIT $1"));
  EXPECT_TRUE(binds_limit("SELECT * FROM t ORDER BY a LIMIT 10 OFFSET $2"));
  EXPECT_FALSE(binds_limit("SELECT * FROM t ORDER BY a LIMIT 10"));
  EXPECT_EQ(leader_only_calls("SELECT substr(name, 1, 2) FROM d_user"),
            std::vector<std::string>{"SUBSTR"});
  EXPECT_TRUE(leader_only_calls("SELECT SUBSTRING(name, 1, 2) FROM d_user").empty());
  const auto tables = final_tables(
      "CREATE TABLE t (\n  a VARCHAR(10),\n  PRIMARY KEY (a)\n)\nDISTSTYLE ALL;\n"
      "ALTER TABLE t ADD COLUMN b VARCHAR(20);\nCREATE TABLE t_v2 (a VARCHAR(5))\n"
      "DISTKEY (a);\nDROP TABLE t;\nALTER TABLE t_v2 RENAME TO t;\n");
  ASSERT_EQ(tables.size(), 1u);
  EXPECT_EQ(tables.at("t").distribution, "KEY");
  EXPECT_EQ(tables.at("t").widths, (std::map<std::string, int>{{"a", 5}}));
}

}  // namespace
}  // namespace sparkify
