// Hostile values: event and song files in which every text field is set in turn
// to SQL-meaningful and odd strings, and numeric fields to strings, NaN and huge
// numbers. Each case must load exactly as given or be rejected with a reason.
#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace sparkify::testing {

struct HostileCase {
  std::string label;       // "event.artist: drop table"
  std::string source_key;  // the file it is in (absolute path)
  int line = 1;            // its line in that file
  bool song = false;       // s_song (else s_songplay_event)
  std::string column;      // the staged column that must hold the value
  // What "exactly as given" means: the text, or the number (compared as a double).
  std::optional<std::string> text;
  std::optional<double> number;        // a REAL column: compared as a double, exactly
  std::optional<std::string> integer;  // an INTEGER column: compared as text
  bool must_reject = false;  // no engine can store it as given (NUL, invalid UTF-8, bad JSON)
  bool next_song = false;    // would become a song play if staged
};

struct HostileCorpus {
  std::filesystem::path songs;   // folder of song files
  std::filesystem::path events;  // folder of event logs
  std::vector<HostileCase> cases;
};

// Writes the files under root and returns every case.
HostileCorpus write_hostile_corpus(const std::filesystem::path& root);

// Runs a query with positional parameters ($1, $2) and returns rows as in SqliteReader.
using QueryFn = std::function<std::vector<std::string>(const std::string& sql,
                                                       const std::vector<std::string>& params)>;

struct HostileOutcome {
  int staged = 0;
  int rejected = 0;
  int staged_songs = 0;
  int staged_events = 0;
  int staged_next_songs = 0;
  std::vector<std::string> failures;  // empty when every case held
  std::string summary;                // one line per case: label -> outcome
};

// Checks every case against the warehouse: exactly one of "staged as given" or "rejected with
// a reason".
// real_as_text turns the column name ("{}") into exact text of a double (17 digits).
HostileOutcome check_hostile_corpus(const HostileCorpus& corpus, const QueryFn& query,
                                    const std::string& real_as_text);

// Rows of a SQLite file with positional parameters ($1...).
std::vector<std::string> sqlite_rows(const std::filesystem::path& db, const std::string& sql,
                                     const std::vector<std::string>& params = {});

}  // namespace sparkify::testing
