// End to end through the command line: the rankings by gender on a warehouse with more
// than ten ranked artists of each gender (the real sample has one matched play), against
// the ranking counted again from every play.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/support/cli_runner.hpp"
#include "tests/support/csv_reader.hpp"
#include "tests/support/sqlite_reader.hpp"

namespace sparkify::testing {
namespace {

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
  // "gender,rank,artist_id,artist_name,plays" after the header -> "gender|rank|artist_id|plays"
  // (the name left out), as the recount's rows read.
  const auto csv = parse_csv(answer.out);
  ASSERT_FALSE(csv.empty());
  std::vector<std::string> got;
  for (auto row = csv.begin() + 1; row != csv.end(); ++row) {
    ASSERT_EQ(row->size(), 5u);
    got.push_back((*row)[0] + '|' + (*row)[1] + '|' + (*row)[2] + '|' + (*row)[4]);
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
