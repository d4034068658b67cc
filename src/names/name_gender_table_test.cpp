#include "names/name_gender_table.hpp"

#include <gtest/gtest.h>

#include <fstream>

#include "names/name_gender.hpp"

namespace sparkify::names {
namespace {

std::optional<NameGenderRow> decide(std::int64_t female, std::int64_t male, double threshold = 0.9,
                                    std::int64_t min_total = 0) {
  return decide_name("x", SexTotals{female, male}, threshold, min_total);
}

TEST(DecideName, PicksTheLargerSexWithItsShareAndTotal) {
  const auto row = decide(5, 95);
  ASSERT_TRUE(row);
  EXPECT_EQ(row->gender, 'M');
  EXPECT_DOUBLE_EQ(row->share, 0.95);
  EXPECT_EQ(row->count, 95);
  EXPECT_EQ(row->total, 100);
  EXPECT_EQ(decide(95, 5)->gender, 'F');
}

TEST(DecideName, ExactTieHasNoAnswerWhateverTheThreshold) {
  EXPECT_FALSE(decide(50, 50));
  EXPECT_FALSE(decide(50, 50, 0.5));
}

TEST(DecideName, ShareAtTheThresholdPassesAndJustBelowDoesNot) {
  EXPECT_TRUE(decide(1, 9));     // 0.9 exactly
  EXPECT_FALSE(decide(11, 89));  // 0.89
  EXPECT_TRUE(decide(11, 89, 0.85));
  EXPECT_FALSE(decide(1, 999, 1.0));
  EXPECT_TRUE(decide(0, 999, 1.0));
}

TEST(DecideName, NameInOnlyOneSexHasShareOne) {
  const auto row = decide(0, 12);
  ASSERT_TRUE(row);
  EXPECT_EQ(row->gender, 'M');
  EXPECT_DOUBLE_EQ(row->share, 1.0);
}

TEST(DecideName, TotalBelowMinimumHasNoAnswer) {
  EXPECT_FALSE(decide(0, 12, 0.9, 13));
  EXPECT_TRUE(decide(0, 13, 0.9, 13));
  EXPECT_FALSE(decide(0, 0));
}

TEST(SelectNames, SortsAndCountsWhatItDrops) {
  NameCounter counter;
  counter.add({"zoe", 'F', 100});
  counter.add({"alex", 'F', 50});
  counter.add({"alex", 'M', 50});
  counter.add({"jordan", 'M', 70});
  counter.add({"jordan", 'F', 30});
  counter.add({"adam", 'M', 200});
  counter.add({"rare", 'F', 2});
  const auto result = select_names(counter, 0.9, 5);
  ASSERT_EQ(result.rows.size(), 2u);
  EXPECT_EQ(result.rows[0].name, "adam");
  EXPECT_EQ(result.rows[1].name, "zoe");
  EXPECT_EQ(result.names, 5u);
  EXPECT_EQ(result.ambiguous, 2u);
  EXPECT_EQ(result.below_min_total, 1u);
  EXPECT_THROW(select_names(counter, 0.4, 0), std::invalid_argument);
  EXPECT_THROW(select_names(counter, 1.1, 0), std::invalid_argument);
  EXPECT_THROW(select_names(counter, 0.9, -1), std::invalid_argument);
}

TEST(NameGenderCsv, RoundsTheShareDownAndRoundTripsThroughTheLookup) {
  const std::vector<NameGenderRow> rows = {{"adam", 'M', 8996.0 / 10000, 8996, 10000},
                                           {"zoe", 'F', 1.0, 7, 7}};
  const std::string csv = name_gender_csv(rows);
  EXPECT_EQ(csv, "name,gender,share,total\nadam,M,0.899,10000\nzoe,F,1.000,7\n");
  const auto table = NameGender::from_csv(csv);
  EXPECT_EQ(table.size(), 2u);
  EXPECT_EQ(table.lookup("Adam")->gender, 'M');
  EXPECT_EQ(table.lookup("ZOE")->total, 7);
}

class BuildFromFolder : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("sparkify-names-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
            "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  void write(const std::string& name, const std::string& text) const {
    std::ofstream(dir_ / name, std::ios::binary) << text;
  }
  std::filesystem::path dir_;
};

TEST_F(BuildFromFolder, SumsOverYearsReportsBadLinesAndWritesTheCsv) {
  write("yob2000.txt", "Sam,M,60\nSam,F,5\nKim,F,40\nKim,M,40\n");
  write("yob2001.txt", "Sam,M,35\nBAD LINE\nAva,F,20");
  write("README.txt", "not,a,yearly file\n");
  const auto result = build_name_gender_table(dir_, 0.9, 10);
  EXPECT_EQ(result.files, 2u);
  EXPECT_EQ(result.lines, 6u);
  ASSERT_EQ(result.issues.size(), 1u);
  EXPECT_EQ(result.issues[0].file(), "yob2001.txt");
  EXPECT_EQ(result.issues[0].line(), 2u);
  ASSERT_EQ(result.rows.size(), 2u);
  EXPECT_EQ(result.rows[0].name, "ava");
  EXPECT_EQ(result.rows[1].name, "sam");
  EXPECT_EQ(result.rows[1].total, 100);
  EXPECT_DOUBLE_EQ(result.rows[1].share, 0.95);
  EXPECT_EQ(result.ambiguous, 1u);  // kim: a tie

  const auto out = dir_ / "out.csv";
  write_name_gender_csv(result.rows, out);
  std::ifstream in(out);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(text, "name,gender,share,total\nava,F,1.000,20\nsam,M,0.950,100\n");
  EXPECT_FALSE(std::filesystem::exists(dir_ / "out.csv.tmp"));
}

TEST_F(BuildFromFolder, FailsClearlyOnMissingOrEmptyData) {
  EXPECT_THROW(build_name_gender_table(dir_ / "missing.zip"), std::runtime_error);
  EXPECT_THROW(build_name_gender_table(dir_), std::runtime_error);  // no yob files
  write("yob2000.txt", "Sam,M,60\n");
  EXPECT_THROW(build_name_gender_table(dir_, 0.3), std::invalid_argument);
}

}  // namespace
}  // namespace sparkify::names
