#include "report/csv.hpp"

#include <gtest/gtest.h>

namespace sparkify::report {
namespace {

TEST(Csv, QuotesOnlyWhatNeedsQuoting) {
  EXPECT_EQ(csv_field("plain"), "plain");
  EXPECT_EQ(csv_field("Des'ree"), "Des'ree");
  EXPECT_EQ(csv_field("a,b"), "\"a,b\"");
  EXPECT_EQ(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(csv_field("two\nlines"), "\"two\nlines\"");
  EXPECT_EQ(csv_field("cr\r"), "\"cr\r\"");
  EXPECT_EQ(csv_field(" padded "), "\" padded \"");
  EXPECT_EQ(csv_field(""), "\"\"");
  EXPECT_EQ(csv_field("bad\xff"), "bad\xEF\xBF\xBD");
}

TEST(Csv, RendersHeaderRowsNullsAndNumbers) {
  Table t;
  t.columns = {"id", "name", "score", "note"};
  t.rows.push_back({std::int64_t{1}, std::string("Kings Of Leon"), 0.5, Value{}});
  t.rows.push_back({std::int64_t{2}, std::string("Coldplay, live"), Value{}, std::string("")});
  EXPECT_EQ(render_csv(t),
            "id,name,score,note\r\n"
            "1,Kings Of Leon,0.5,\r\n"
            "2,\"Coldplay, live\",,\"\"\r\n");
  EXPECT_EQ(render_csv(t, {.line_end = "\n", .header = false}),
            "1,Kings Of Leon,0.5,\n"
            "2,\"Coldplay, live\",,\"\"\n");
}

TEST(Csv, QuotesHeaderNames) {
  Table t;
  t.columns = {"a,b", "c"};
  EXPECT_EQ(render_csv(t), "\"a,b\",c\r\n");
}

}  // namespace
}  // namespace sparkify::report
