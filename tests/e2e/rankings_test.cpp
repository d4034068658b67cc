// End to end through the command line: the rankings by gender on a warehouse with more
// than ten ranked artists of each gender (the real sample has one matched play), against
// the ranking counted again from every play.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "tests/support/cli_runner.hpp"
#include "tests/support/sqlite_reader.hpp"

namespace sparkify::testing {
namespace {

// "gender,rank,artist_id,artist_name,plays" -> "gender|rank|artist_id|plays" (the name,
// which may hold commas, left out).
std::string without_name(const std::string& csv_line) {
  const auto third = csv_line.find(',', csv_line.find(',', csv_line.find(',') + 1) + 1);
  std::string fields = csv_line.substr(0, third) + ',' + csv_line.substr(csv_line.rfind(',') + 1);
  std::replace(fields.begin(), fields.end(), ',', '|');
  return fields;
}

TEST(Rankings, TopArtistsByGenderRanksTenOfEachGenderAsARecountOfThePlays) {
  TempDir dir;
  const auto generated = run_sparkify({"generate", "-q", "--songs", "300", "--events", "20000",
                                       "--seed", "3", "--out", (dir / "data").string()});
  ASSERT_EQ(generated.exit_code, 0) << generated.err;
  const auto db = (dir / "w.db").string();
  const auto loaded =
      run_sparkify({"load", "-q", "--db", db, "--songs", (dir / "data/song_data").string(),
                    "--events", (dir / "data/log_data").string()});
  ASSERT_EQ(loaded.exit_code, 0) << loaded.err;

  const auto answer =
      run_sparkify({"query", "top-artists-by-gender", "--db", db, "--format", "csv"});
  ASSERT_EQ(answer.exit_code, 0) << answer.err;
  std::vector<std::string> got;
  // CSV as RFC 4180 writes it: a header, then rows ending in CRLF.
  for (std::size_t start = answer.out.find("\r\n") + 2; start < answer.out.size();) {
    const auto end = answer.out.find("\r\n", start);
    got.push_back(without_name(answer.out.substr(start, end - start)));
    start = end + 2;
  }
  const auto recount =
      SqliteReader(dir / "w.db")
          .rows(
              "SELECT gender, rank, artist_id, plays FROM ("
              "  SELECT u.gender, f.artist_id, COUNT(*) AS plays, ROW_NUMBER() OVER ("
              "    PARTITION BY u.gender ORDER BY COUNT(*) DESC, f.artist_id) AS rank"
              "  FROM f_songplay AS f JOIN d_user AS u ON u.user_id = f.user_id"
              "  WHERE f.artist_id IS NOT NULL AND u.gender IN ('F', 'M')"
              "  GROUP BY u.gender, f.artist_id)"
              "WHERE rank <= 10 ORDER BY gender, rank");
  ASSERT_EQ(recount.size(), 20u);  // ten of each gender
  EXPECT_EQ(got, recount);
}

}  // namespace
}  // namespace sparkify::testing
