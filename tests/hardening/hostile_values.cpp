#include "tests/hardening/hostile_values.hpp"

#include <sqlite3.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <tuple>

#include "tests/hardening/harness.hpp"

namespace sparkify::testing {
namespace fs = std::filesystem;

namespace {

struct TextValue {
  std::string name;
  std::string json;                  // the JSON string literal, quotes included
  std::optional<std::string> value;  // decoded; nullopt when it cannot be stored as given
};

// The most bytes a field holds, as docs/reliability.md documents them (core/records.hpp):
// short codes, names and song ids 256, fields that identify or match records and places
// 1 KiB, a user agent 2 KiB.
std::size_t max_bytes(const std::string& field) {
  if (field == "page" || field == "auth" || field == "level" || field == "method" ||
      field == "gender" || field == "firstName" || field == "lastName" || field == "song_id" ||
      field == "artist_id")
    return 256;
  if (field == "artist" || field == "song" || field == "title" || field == "artist_name" ||
      field == "location" || field == "artist_location")
    return 1024;
  return 2048;
}

bool storable_as_given(const std::string& field, const std::optional<std::string>& value) {
  return value && value->size() <= max_bytes(field);
}

std::vector<TextValue> text_values() {
  std::vector<TextValue> v{
      {"quotes", R"("O'Brien \"the\" ''x'' `y`")", R"(O'Brien "the" ''x'' `y`)"},
      {"drop table", R"("'); DROP TABLE d_user; --")", "'); DROP TABLE d_user; --"},
      {"drop table 2", R"("\"; DROP TABLE s_song; SELECT '")", "\"; DROP TABLE s_song; SELECT '"},
      {"backslashes", R"("a\\b \\N \\. \\\\ \\x41 \\0")", R"(a\b \N \. \\ \x41 \0)"},
      {"copy markers", R"("\\N")", R"(\N)"},
      {"dollars", R"("$$ $tag$ $1 ?1 :name @p")", "$$ $tag$ $1 ?1 :name @p"},
      {"format", R"("%s%n%x {} {0} {:>9}")", "%s%n%x {} {0} {:>9}"},
      {"controls", R"("tab\tcr\rlf\nbell\u0007del\u007f")",
       "tab\tcr\rlf\nbell\x07"
       "del\x7f"},
      {"emoji", R"("🎵 👩‍🎤 \ud83c\udfb6 Beyoncé Ωμέγα 漢字")",
       "🎵 👩‍🎤 🎶 Beyoncé Ωμέγα 漢字"},
      {"number as string", R"("12345")", "12345"},
      {"float as string", R"("-1.5e308")", "-1.5e308"},
      {"NaN as string", R"("NaN")", "NaN"},
      {"NULL as string", R"("NULL")", "NULL"},
      {"empty", R"("")", ""},
      {"spaces", R"("  padded  ")", "  padded  "},
      {"html", R"("<script>alert('x')</script>&amp;")", "<script>alert('x')</script>&amp;"},
      {"NUL escape", R"("a\u0000b")", std::nullopt},
      {"invalid UTF-8", "\"bad \xff\xfe \xc0\xaf bytes\"", std::nullopt},
      {"lone surrogate", R"("\ud800")", std::nullopt},
  };
  // One megabyte, multi-byte characters included.
  std::string big;
  while (big.size() < (1U << 20))
    big += "0123456789abcdef'\"é🎵";
  std::string big_json = "\"";
  for (char c : big) {
    if (c == '"')
      big_json += "\\\"";
    else
      big_json += c;
  }
  big_json += '"';
  v.push_back({"1 MB", big_json, big});
  // Just over the 1 KiB limit of key fields, and the longest text any field may hold.
  std::string two_k;
  for (int i = 0; two_k.size() < 2048; ++i)
    two_k += std::to_string(i * 7919 % 10007) + "é";
  v.push_back({"2 KiB", "\"" + two_k + "\"", two_k});
  std::string longest;
  for (int i = 0; longest.size() < 65535; ++i)
    longest += char('a' + (i * 31 + i / 26) % 26);
  v.push_back({"64 KiB", "\"" + longest + "\"", longest});
  return v;
}

// The base NextSong event; `field` is replaced by `json`.
std::string event_line(const std::string& field, const std::string& json, int session, int item,
                       long long ts) {
  std::vector<std::pair<std::string, std::string>> fields{
      {"artist", R"("Hostile Artist")"},
      {"auth", R"("Logged In")"},
      {"firstName", R"("Ann")"},
      {"gender", R"("F")"},
      {"itemInSession", std::to_string(item)},
      {"lastName", R"("Lee")"},
      {"length", "200.5"},
      {"level", R"("paid")"},
      {"location", R"("Here, XX")"},
      {"method", R"("PUT")"},
      {"page", R"("NextSong")"},
      {"registration", "1540000000000.0"},
      {"sessionId", std::to_string(session)},
      {"song", R"("Hostile Song")"},
      {"status", "200"},
      {"ts", std::to_string(ts)},
      {"userAgent", R"("Mozilla\/5.0")"},
      {"userId", R"("7")"},
  };
  std::string out = "{";
  for (const auto& [name, value] : fields) {
    if (out.size() > 1)
      out += ',';
    out += '"' + name + "\":" + (name == field ? json : value);
  }
  return out + "}";
}

std::string song_doc(const std::string& field, const std::string& json, const std::string& id) {
  std::vector<std::pair<std::string, std::string>> fields{
      {"num_songs", "1"},
      {"artist_id", "\"AR" + id + "\""},
      {"artist_latitude", "null"},
      {"artist_longitude", "null"},
      {"artist_location", R"("Somewhere")"},
      {"artist_name", R"("Hostile Artist")"},
      {"song_id", "\"SO" + id + "\""},
      {"title", R"("Hostile Song")"},
      {"duration", "200.5"},
      {"year", "0"},
  };
  std::string out = "{";
  for (const auto& [name, value] : fields) {
    if (out.size() > 1)
      out += ", ";
    out += '"' + name + "\": " + (name == field ? json : value);
  }
  return out + "}";
}

struct NumericValue {
  std::string field;
  std::string json;
  std::string column;
  std::optional<double> value;  // nullopt: cannot be stored as given
  bool integer = false;         // an INTEGER column (value compared as text)
};

bool is_integer_column(const std::string& column) {
  return column == "ts" || column == "session_id" || column == "item_in_session" ||
         column == "status" || column == "user_id" || column == "year" || column == "num_songs";
}

std::string integer_text(double v) {
  if (v == 9223372036854775807.0)
    return "9223372036854775807";
  if (v == -9223372036854775808.0)
    return "-9223372036854775808";
  return std::to_string(static_cast<long long>(v));
}

std::vector<NumericValue> numeric_values() {
  return {
      {"ts", R"("1541000000000")", "ts", 1541000000000.0},
      {"ts", "1e400", "ts", std::nullopt},
      {"ts", "99999999999999999999", "ts", std::nullopt},
      {"ts", "-1", "ts", std::nullopt},
      {"ts", "1541000000000.5", "ts", std::nullopt},
      {"ts", "NaN", "ts", std::nullopt},
      {"sessionId", R"("abc")", "session_id", std::nullopt},
      {"sessionId", "9223372036854775807", "session_id", 9223372036854775807.0},
      {"sessionId", "-9223372036854775808", "session_id", -9223372036854775808.0},
      {"sessionId", "18446744073709551615", "session_id", std::nullopt},
      {"itemInSession", "1.5", "item_in_session", std::nullopt},
      {"itemInSession", "true", "item_in_session", std::nullopt},
      {"length", R"("NaN")", "length", std::nullopt},
      {"length", "NaN", "length", std::nullopt},
      {"length", "Infinity", "length", std::nullopt},
      {"length", "1e308", "length", 1e308},
      {"length", "-0.0", "length", 0.0},
      {"length", "4.9e-324", "length", 4.9e-324},
      {"length", R"("182.5")", "length", 182.5},
      {"length", "1e999", "length", std::nullopt},
      {"status", "9223372036854775807", "status", 9223372036854775807.0},
      {"status", R"("200")", "status", 200.0},
      {"registration", "1e-320", "registration", 1e-320},
      {"userId", R"("abc")", "user_id", std::nullopt},
      {"userId", R"("99999999999999999999")", "user_id", std::nullopt},
      {"userId", R"("-5")", "user_id", -5.0},
      {"userId", "8", "user_id", 8.0},
      {"userId", R"("0x10")", "user_id", std::nullopt},
      {"userId", R"(" 9")", "user_id", std::nullopt},
  };
}

std::string json_escape_for_label(const std::string& s) {
  return s.size() > 40 ? s.substr(0, 37) + "..." : s;
}

}  // namespace

HostileCorpus write_hostile_corpus(const fs::path& root) {
  HostileCorpus corpus{root / "song_data", root / "log_data", {}};
  const auto values = text_values();
  static const std::vector<std::pair<std::string, std::string>> kEventFields{
      {"artist", "artist"},     {"auth", "auth"},           {"firstName", "first_name"},
      {"gender", "gender"},     {"lastName", "last_name"},  {"level", "level"},
      {"location", "location"}, {"method", "method"},       {"page", "page"},
      {"song", "song"},         {"userAgent", "user_agent"}};
  long long ts = 1541000000000;
  int session = 1000;
  for (const auto& [field, column] : kEventFields) {
    const fs::path file = corpus.events / ("hostile-" + field + ".json");
    std::string content;
    int line = 0;
    for (const auto& v : values) {
      ++line;
      content += event_line(field, v.json, session, line, ts += 1000) + "\n";
      HostileCase c;
      c.label = "event." + field + ": " + v.name;
      c.source_key = fs::absolute(file).string();
      c.line = line;
      c.column = column;
      c.text = v.value;
      c.must_reject = !storable_as_given(field, v.value);
      c.next_song = field != "page";
      corpus.cases.push_back(c);
    }
    ++session;
    write_file(file, content);
  }
  {
    const fs::path file = corpus.events / "hostile-numbers.json";
    std::string content;
    int line = 0;
    for (const auto& n : numeric_values()) {
      ++line;
      content += event_line(n.field, n.json, session++, line, ts += 1000) + "\n";
      HostileCase c;
      c.label = "event." + n.field + ": " + json_escape_for_label(n.json);
      c.source_key = fs::absolute(file).string();
      c.line = line;
      c.column = n.column;
      if (n.value && is_integer_column(n.column)) {
        c.integer = integer_text(*n.value);
      } else {
        c.number = n.value;
      }
      c.must_reject = !n.value.has_value();
      c.next_song = true;
      corpus.cases.push_back(c);
    }
    write_file(file, content);
  }
  static const std::vector<std::string> kSongFields{"song_id", "title", "artist_id", "artist_name",
                                                    "artist_location"};
  int n = 0;
  for (const auto& field : kSongFields) {
    for (const auto& v : values) {
      const std::string id = "HOSTILE" + std::to_string(++n);
      const fs::path file = corpus.songs / field / ("TR" + id + ".json");
      write_file(file, song_doc(field, v.json, id));
      HostileCase c;
      c.label = "song." + field + ": " + v.name;
      c.source_key = fs::absolute(file).string();
      c.song = true;
      c.column = field;
      c.text = v.value;
      c.must_reject = !storable_as_given(field, v.value);
      corpus.cases.push_back(c);
    }
  }
  for (const auto& [field, json, value] :
       std::vector<std::tuple<std::string, std::string, std::optional<double>>>{
           {"year", R"("1999")", 1999.0},
           {"year", "1e30", std::nullopt},
           {"duration", "NaN", std::nullopt},
           {"duration", R"("abc")", std::nullopt},
           {"num_songs", "18446744073709551616", std::nullopt},
           {"artist_latitude", "1e400", std::nullopt},
           {"artist_latitude", "-90.0", -90.0}}) {
    const std::string id = "HOSTILE" + std::to_string(++n);
    const fs::path file = corpus.songs / "numbers" / ("TR" + id + ".json");
    write_file(file, song_doc(field, json, id));
    HostileCase c;
    c.label = "song." + field + ": " + json;
    c.source_key = fs::absolute(file).string();
    c.song = true;
    c.column = field;
    if (value && is_integer_column(field)) {
      c.integer = integer_text(*value);
    } else {
      c.number = value;
    }
    c.must_reject = !value.has_value();
    corpus.cases.push_back(c);
  }
  return corpus;
}

HostileOutcome check_hostile_corpus(const HostileCorpus& corpus, const QueryFn& query,
                                    const std::string& real_as_text) {
  HostileOutcome out;
  std::ostringstream summary;
  for (const auto& c : corpus.cases) {
    const std::string table = c.song ? "s_song" : "s_songplay_event";
    const std::string where =
        c.song ? " WHERE source_key = $1" : " WHERE source_key = $1 AND line_number = $2";
    std::vector<std::string> params{c.source_key};
    if (!c.song)
      params.push_back(std::to_string(c.line));
    // The table and column names are constants of this file, never input.
    std::string column = c.column;
    if (c.number)
      column = real_as_text.substr(0, real_as_text.find("{}")) + c.column +
               real_as_text.substr(real_as_text.find("{}") + 2);
    const auto staged = query("SELECT " + column + " FROM " + table + where, params);
    const auto rejects = query("SELECT reason FROM etl_reject" + where, params);
    std::string outcome;
    auto fail = [&](const std::string& why) { out.failures.push_back(c.label + ": " + why); };
    if (staged.size() + rejects.size() != 1) {
      fail("expected exactly one of a staged row or a reject, found " +
           std::to_string(staged.size()) + " staged and " + std::to_string(rejects.size()) +
           " rejects");
      continue;
    }
    if (!rejects.empty()) {
      ++out.rejected;
      if (!c.must_reject && (c.text || c.number || c.integer)) {
        // Allowed (a value may be rejected with a reason), but say so in the summary.
      }
      if (rejects[0].empty())
        fail("rejected without a reason");
      outcome = "rejected: " + rejects[0];
    } else {
      ++out.staged;
      (c.song ? out.staged_songs : out.staged_events)++;
      if (c.next_song && !c.song)
        ++out.staged_next_songs;
      if (c.must_reject)
        fail("staged, but it cannot be stored as given: " + staged[0]);
      if (c.text && staged[0] != *c.text) {
        fail("staged as '" + json_escape_for_label(staged[0]) + "', not as given");
      }
      if (c.number) {
        // strtod, not stod: stod throws on subnormal values (ERANGE).
        const double got = std::strtod(staged[0].c_str(), nullptr);
        if (!(got == *c.number))
          fail("staged as " + staged[0] + ", not as given");
      }
      if (c.integer && staged[0] != *c.integer)
        fail("staged as " + staged[0] + ", not as given");
      outcome = "staged as given";
    }
    summary << c.label << " -> " << outcome << "\n";
  }
  out.summary = summary.str();
  return out;
}

std::vector<std::string> sqlite_rows(const fs::path& db, const std::string& sql,
                                     const std::vector<std::string>& params) {
  sqlite3* raw = nullptr;
  if (sqlite3_open_v2(db.c_str(), &raw, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    sqlite3_close_v2(raw);
    throw std::runtime_error("cannot open " + db.string());
  }
  std::unique_ptr<sqlite3, int (*)(sqlite3*)> handle(raw, sqlite3_close_v2);
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(raw, sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK) {
    throw std::runtime_error(std::string("bad test SQL: ") + sqlite3_errmsg(raw));
  }
  std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)> statement(stmt, sqlite3_finalize);
  for (std::size_t i = 0; i < params.size(); ++i) {
    sqlite3_bind_text(stmt, static_cast<int>(i + 1), params[i].data(),
                      static_cast<int>(params[i].size()), SQLITE_TRANSIENT);
  }
  std::vector<std::string> out;
  while (sqlite3_step(stmt) == SQLITE_ROW) {
    std::string row;
    for (int i = 0; i < sqlite3_column_count(stmt); ++i) {
      if (i > 0)
        row += '|';
      const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt, i));
      // Lengths, not C strings: a NUL that reached the warehouse must show.
      if (sqlite3_column_type(stmt, i) == SQLITE_FLOAT) {
        // SQLite's own text form keeps 15 digits; 17 round-trip every double.
        char buffer[64];
        std::snprintf(buffer, sizeof buffer, "%.17g", sqlite3_column_double(stmt, i));
        row += buffer;
      } else if (text == nullptr) {
        row += "NULL";
      } else {
        row.append(text, static_cast<std::size_t>(sqlite3_column_bytes(stmt, i)));
      }
    }
    out.push_back(row);
  }
  return out;
}

}  // namespace sparkify::testing
