#include "analytics/statement_header.hpp"

#include <gtest/gtest.h>

namespace sparkify::analytics {
namespace {

TEST(StatementHeader, ReadsDescriptionAndTypedParamsInOrder) {
  const auto h = parse_statement_header(
      "-- description: Where an artist is played.\n"
      "-- param: artist text\n"
      "--   param: limit integer 10\n"
      "\n"
      "SELECT ?1, ?2;\n"
      "-- param: not_a_param text\n");
  EXPECT_EQ(h.description, "Where an artist is played.");
  ASSERT_EQ(h.params.size(), 2u);
  EXPECT_EQ(h.params[0].name, "artist");
  EXPECT_EQ(h.params[0].type, ParamType::text);
  EXPECT_FALSE(h.params[0].default_value);
  EXPECT_EQ(h.params[1].name, "limit");
  EXPECT_EQ(h.params[1].type, ParamType::integer);
  EXPECT_EQ(h.params[1].default_value, "10");
}

TEST(StatementHeader, MalformedParamLinesAreErrors) {
  EXPECT_THROW(parse_statement_header("-- param: x\nSELECT 1"), std::invalid_argument);
  EXPECT_THROW(parse_statement_header("-- param: x blob\nSELECT 1"), std::invalid_argument);
  EXPECT_THROW(parse_statement_header("-- param: x integer ten\nSELECT 1"), std::invalid_argument);
  EXPECT_THROW(parse_statement_header("-- param: x text\n-- param: x text\nSELECT 1"),
               std::invalid_argument);
}

TEST(StatementHeader, BindsGivenValuesWithTypesAndDefaults) {
  const auto h = parse_statement_header(
      "-- param: artist text\n-- param: limit integer 10\n-- param: share real 0.5\nSELECT 1");
  auto v = bind_params(h, std::map<std::string, std::string>{{"artist", "Kings Of Leon"}});
  ASSERT_EQ(v.size(), 3u);
  EXPECT_EQ(std::get<std::string>(v[0]), "Kings Of Leon");
  EXPECT_EQ(std::get<std::int64_t>(v[1]), 10);
  EXPECT_DOUBLE_EQ(std::get<double>(v[2]), 0.5);
  v = bind_params(
      h, std::map<std::string, std::string>{{"artist", "'; DROP TABLE x; --"}, {"limit", "3"}});
  EXPECT_EQ(std::get<std::string>(v[0]), "'; DROP TABLE x; --");
  EXPECT_EQ(std::get<std::int64_t>(v[1]), 3);
}

TEST(StatementHeader, MissingUnknownOrBadParamsAreParamErrors) {
  const auto h = parse_statement_header("-- param: artist text\n-- param: limit integer 10\nX");
  using Given = std::map<std::string, std::string>;
  EXPECT_THROW(bind_params(h, Given{}), ParamError);
  EXPECT_THROW(bind_params(h, Given{{"artist", "a"}, {"colour", "red"}}), ParamError);
  EXPECT_THROW(bind_params(h, Given{{"artist", "a"}, {"limit", "ten"}}), ParamError);
  EXPECT_THROW(bind_params(h, Given{{"artist", "a"}, {"limit", "10x"}}), ParamError);
}

}  // namespace
}  // namespace sparkify::analytics
