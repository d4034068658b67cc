// Bad input gets a reject naming the object, line, field and reason; every good
// record around it still loads.
#include <gtest/gtest.h>

#include "tests/support/cli_runner.hpp"
#include "tests/support/sqlite_reader.hpp"

namespace sparkify::testing {
namespace {

TEST(BadInput, ExactRejectsAndEveryGoodRecordLoaded) {
  TempDir dir;
  const auto fixture = source_dir() / "tests/data/bad-input";
  const auto r =
      run_sparkify({"load", "--db", (dir / "w.db").string(), "--songs",
                    (fixture / "song_data").string(), "--events", (fixture / "log_data").string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("9 records rejected"), std::string::npos) << r.err;
  SqliteReader db(dir / "w.db");
  const std::string songs = (fixture / "song_data/A").string();
  const std::string logs = (fixture / "log_data/2018/11").string();
  EXPECT_EQ(
      db.rows("SELECT source_key, line_number, COALESCE(field, ''), reason FROM etl_reject "
              "ORDER BY source_key, line_number"),
      (std::vector<std::string>{
          logs + "/2018-11-01-events.json|2||malformed JSON: The JSON document has an improper "
                 "structure: missing or superfluous commas, braces, missing keys, etc.",
          logs + "/2018-11-01-events.json|4|ts|expected an integer, found a string",
          logs + "/2018-11-01-events.json|7||invalid UTF-8",
          logs + "/2018-11-01-events.json|8|song|is missing or null in a NextSong event",
          logs + "/2018-11-02-events.json|3||malformed JSON: A string is opened, but never "
                 "closed.",
          logs + "/not-json-events.json|1||malformed JSON: Problem while parsing an atom "
                 "starting with the letter 't'",
          songs + "/B/array.json|1||expected a JSON object, found an array",
          songs + "/B/empty.json|0||empty object",
          songs + "/B/year-as-text.json|1|year|expected an integer, found a string",
      }));
  // The raw text is kept (sanitised) so an operator can see what was wrong.
  EXPECT_EQ(db.rows("SELECT raw_text FROM etl_reject WHERE line_number = 2 AND source_key LIKE "
                    "'%2018-11-01-events.json'"),
            std::vector<std::string>{"{\"artist\":\"Broken\", \"auth\":"});
  EXPECT_EQ(db.count("SELECT COUNT(*) FROM etl_reject WHERE reason = 'invalid UTF-8' AND "
                     "raw_text LIKE '%\xEF\xBF\xBDKaylee%'"),
            1);
  // Good records: 2 songs; 4 + 2 events, of which 3 + 1 plays. Hidden files are not data.
  EXPECT_EQ(db.count("SELECT COUNT(*) FROM s_song"), 2);
  EXPECT_EQ(db.count("SELECT COUNT(*) FROM s_songplay_event"), 6);
  EXPECT_EQ(db.rows("SELECT line_number FROM s_songplay_event ORDER BY source_key, line_number"),
            (std::vector<std::string>{"1", "3", "6", "9", "1", "2"}));
  EXPECT_EQ(db.count("SELECT COUNT(*) FROM f_songplay"), 4);
  EXPECT_EQ(db.count("SELECT COUNT(*) FROM etl_object"), 8);
  EXPECT_EQ(db.count("SELECT COUNT(*) FROM etl_object WHERE source_key LIKE '%/.%'"), 0);
  EXPECT_EQ(db.rows("SELECT records, rejects FROM etl_object WHERE source_key LIKE "
                    "'%2018-11-01-events.json'"),
            std::vector<std::string>{"4|4"});
}

}  // namespace
}  // namespace sparkify::testing
