#include "names/name_counts.hpp"

#include <gtest/gtest.h>

namespace sparkify::names {
namespace {

TEST(ParseNamesLine, ReadsNameSexCountAndLowerCasesTheName) {
  const auto entry = parse_names_line("Mary,F,7065", "yob1880.txt", 1);
  EXPECT_EQ(entry.name, "mary");
  EXPECT_EQ(entry.sex, 'F');
  EXPECT_EQ(entry.count, 7065);
  EXPECT_EQ(parse_names_line("JOHN,M,9655\r", "yob1880.txt", 2).name, "john");
}

TEST(ParseNamesLine, RejectsMalformedLinesNamingFileAndLine) {
  const char* bad[] = {"Mary,F",    "Mary,F,7065,1", ",F,3",
                       "Mary,X,3",  "Mary,f,3",      "Mary,F,",
                       "Mary,F,-4", "Mary,F,0",      "Mary,F,12a",
                       "Ma ry,F,3", "\"Mary\",F,3",  "Mary,F,99999999999999999999"};
  for (const char* line : bad) {
    try {
      parse_names_line(line, "yob1999.txt", 42);
      ADD_FAILURE() << "accepted: " << line;
    } catch (const NamesFormatError& e) {
      EXPECT_EQ(e.file(), "yob1999.txt");
      EXPECT_EQ(e.line(), 42u);
      EXPECT_NE(std::string(e.what()).find("yob1999.txt:42: "), std::string::npos) << e.what();
    }
  }
}

TEST(NameCounter, SumsPerLowerCasedNameAndSexAcrossFiles) {
  NameCounter counter;
  std::vector<NamesFormatError> issues;
  EXPECT_EQ(counter.add_file("yob2000.txt", "Alex,F,10\nAlex,M,30\nMary,F,5", issues), 3u);
  EXPECT_EQ(counter.add_file("yob2001.txt", "ALEX,M,60\r\nalex,F,1\r\n", issues), 2u);
  EXPECT_TRUE(issues.empty());
  const auto& alex = counter.totals().at("alex");
  EXPECT_EQ(alex.female, 11);
  EXPECT_EQ(alex.male, 90);
  EXPECT_EQ(alex.total(), 101);
  EXPECT_EQ(counter.totals().at("mary").male, 0);
  EXPECT_EQ(counter.totals().size(), 2u);
}

TEST(NameCounter, ReportsAndSkipsMalformedLinesKeepingTheRest) {
  NameCounter counter;
  std::vector<NamesFormatError> issues;
  const auto counted =
      counter.add_file("yob1990.txt", "Anna,F,10\n\nAnna;F;3\nBen,M,x\nBen,M,7\n", issues);
  EXPECT_EQ(counted, 2u);
  ASSERT_EQ(issues.size(), 2u);
  EXPECT_EQ(issues[0].file(), "yob1990.txt");
  EXPECT_EQ(issues[0].line(), 3u);  // the blank line 2 is not an error
  EXPECT_EQ(issues[1].line(), 4u);
  EXPECT_EQ(counter.totals().at("anna").female, 10);
  EXPECT_EQ(counter.totals().at("ben").male, 7);
}

TEST(NameCounter, SaturatesInsteadOfOverflowing) {
  NameCounter counter;
  counter.add({"big", 'M', 900'000'000'000'000'000});
  counter.add({"big", 'M', 900'000'000'000'000'000});
  EXPECT_EQ(counter.totals().at("big").male, 1'000'000'000'000'000);
}

}  // namespace
}  // namespace sparkify::names
