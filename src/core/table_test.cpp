#include "core/table.hpp"

#include <gtest/gtest.h>

namespace sparkify {
namespace {

TEST(TableValue, RendersEveryKindAsText) {
  EXPECT_FALSE(to_text(Value{}).has_value());
  EXPECT_EQ(*to_text(Value{std::int64_t{42}}), "42");
  EXPECT_EQ(*to_text(Value{269.58322}), "269.58322");
  EXPECT_EQ(*to_text(Value{std::string{"Des'ree"}}), "Des'ree");
}

TEST(TableValue, ReadsIntegersFromEveryKind) {
  EXPECT_EQ(to_int(Value{std::int64_t{7}}), 7);
  EXPECT_EQ(to_int(Value{7.0}), 7);
  EXPECT_EQ(to_int(Value{std::string{"-12"}}), -12);
  EXPECT_THROW(to_int(Value{7.5}), std::runtime_error);
  EXPECT_THROW(to_int(Value{std::string{"12a"}}), std::runtime_error);
  EXPECT_THROW(to_int(Value{}), std::runtime_error);
}

}  // namespace
}  // namespace sparkify
