#include "warehouse/redshift/redshift_literal.hpp"

#include <gtest/gtest.h>

#include "warehouse/redshift/multi_row_insert.hpp"
#include "warehouse/warehouse.hpp"

namespace sparkify::redshift {
namespace {

TEST(RedshiftLiteral, QuotesAndBackslashesAreDoubled) {
  EXPECT_EQ(text_literal("plain"), "'plain'");
  EXPECT_EQ(text_literal("O'Brien"), "'O''Brien'");
  EXPECT_EQ(text_literal("a\\b"), "'a\\\\b'");
  EXPECT_EQ(text_literal("\\'"), "'\\\\'''");
  EXPECT_EQ(text_literal("$$ $1 $tag$"), "'$$ $1 $tag$'");
  EXPECT_EQ(text_literal(""), "''");
}

TEST(RedshiftLiteral, NumbersAndNull) {
  EXPECT_EQ(literal(Value{}), "NULL");
  EXPECT_EQ(literal(Value{std::int64_t{-42}}), "-42");
  EXPECT_EQ(literal(Value{218.93179}), "218.93179");
  EXPECT_EQ(literal(Value{1e20}), "1e+20");
}

TEST(RedshiftLiteral, RefusesWhatRedshiftCannotStore) {
  EXPECT_THROW(text_literal(std::string("a\0b", 3)), WarehouseError);
  EXPECT_THROW(text_literal("\xff\xfe"), WarehouseError);
  EXPECT_THROW(text_literal("\xc0\xaf"), WarehouseError);  // overlong '/'
  EXPECT_THROW(literal(Value{std::numeric_limits<double>::quiet_NaN()}), WarehouseError);
  EXPECT_THROW(literal(Value{std::numeric_limits<double>::infinity()}), WarehouseError);
}

TEST(MultiRowInsert, StatementsStayWithinTheLimitAtTheBoundary) {
  const std::string prefix = "INSERT INTO t (a) VALUES";
  // One row "('x...')" of n bytes of text is n + 4 bytes; alone: prefix + 1 + row + 1.
  const std::string row10(6, 'x');  // row "('xxxxxx')" = 10 bytes
  const std::size_t one = prefix.size() + 1 + 10 + 1;
  const std::size_t two = one + 2 + 10;
  for (std::size_t limit : {one, two - 1, two, two + 1}) {
    std::vector<std::string> sent;
    MultiRowInsert insert(prefix, limit, [&](const std::string& s) { sent.push_back(s); });
    for (int i = 0; i < 5; ++i)
      insert.add({row10});
    insert.flush();
    std::size_t rows = 0;
    for (const auto& s : sent) {
      EXPECT_LE(s.size(), limit);
      rows += static_cast<std::size_t>(std::count(s.begin(), s.end(), '(')) - 1;
    }
    EXPECT_EQ(rows, 5u) << limit;
    EXPECT_EQ(sent.size(), limit >= two ? 3u : 5u) << limit;
    if (limit == two) {
      EXPECT_EQ(sent[0].size(), two);  // exactly at the limit is allowed
    }
  }
  MultiRowInsert tiny(prefix, one - 1, [](const std::string&) {});
  EXPECT_THROW(tiny.add({row10}), WarehouseError);
}

}  // namespace
}  // namespace sparkify::redshift
