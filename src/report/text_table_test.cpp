#include "report/text_table.hpp"

#include <gtest/gtest.h>

namespace sparkify::report {
namespace {

Table sample() {
  Table t;
  t.columns = {"rank", "artist_name", "plays"};
  t.rows.push_back({std::int64_t{1}, std::string("Dwight Yoakam"), std::int64_t{37}});
  t.rows.push_back({std::int64_t{10}, std::string("Beyoncé"), Value{}});
  return t;
}

TEST(TextTable, AlignsNumbersRightAndTextLeftCountingCodePoints) {
  EXPECT_EQ(render_text_table(sample()),
            " rank | artist_name   | plays\n"
            "------+---------------+-------\n"
            "    1 | Dwight Yoakam |    37\n"
            "   10 | Beyoncé       |  NULL\n"
            "(2 rows)\n");
}

TEST(TextTable, WideCharactersTakeTwoColumns) {
  Table t;
  t.columns = {"city", "n"};
  t.rows.push_back({std::string("東京"), std::int64_t{1}});
  t.rows.push_back({std::string("Paris"), 2.5});
  EXPECT_EQ(render_text_table(t, {.null_text = "", .max_width = 0, .row_count = false}),
            " city  |   n\n"
            "-------+-----\n"
            " 東京  |   1\n"
            " Paris | 2.5\n");
}

TEST(TextTable, EscapesControlCharactersAndTruncates) {
  Table t;
  t.columns = {"text"};
  t.rows.push_back({std::string("line1\nline2\t\x1b[31mred")});
  t.rows.push_back({std::string("a very long value indeed")});
  const auto out = render_text_table(t, {.null_text = "NULL", .max_width = 10, .row_count = true});
  EXPECT_EQ(out.find('\x1b'), std::string::npos);
  EXPECT_NE(out.find(" line1\\nli…\n"), std::string::npos) << out;
  EXPECT_NE(out.find(" a very lo…\n"), std::string::npos) << out;
}

TEST(TextTable, EmptyTableShowsHeaderAndCount) {
  Table t;
  t.columns = {"a", "b"};
  EXPECT_EQ(render_text_table(t),
            " a | b\n"
            "---+---\n"
            "(0 rows)\n");
  EXPECT_EQ(render_text_table(Table{}), "(0 rows)\n");
}

}  // namespace
}  // namespace sparkify::report
