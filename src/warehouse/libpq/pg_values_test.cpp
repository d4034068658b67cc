#include "warehouse/libpq/pg_values.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "warehouse/warehouse.hpp"

namespace sparkify::pg {
namespace {

TEST(PgValues, ParametersAsText) {
  EXPECT_FALSE(to_param_text(Value{}).has_value());
  EXPECT_EQ(*to_param_text(Value{std::int64_t{-9223372036854775807 - 1}}), "-9223372036854775808");
  EXPECT_EQ(*to_param_text(Value{0.1}), "0.1");
  EXPECT_EQ(*to_param_text(Value{269.58322}), "269.58322");
  EXPECT_EQ(*to_param_text(Value{1e300}), "1e+300");
  EXPECT_EQ(*to_param_text(Value{std::string{"O'Neil \\ \"x\""}}), "O'Neil \\ \"x\"");
}

TEST(PgValues, SpecialDoublesAreSpelledForPostgres) {
  EXPECT_EQ(double_to_text(std::numeric_limits<double>::quiet_NaN()), "NaN");
  EXPECT_EQ(double_to_text(std::numeric_limits<double>::infinity()), "Infinity");
  EXPECT_EQ(double_to_text(-std::numeric_limits<double>::infinity()), "-Infinity");
}

TEST(PgValues, NulInTextParameterIsRefused) {
  using namespace std::string_literals;
  EXPECT_THROW(to_param_text(Value{"a\0b"s}), WarehouseError);
}

TEST(PgValues, ResultsTypedByOid) {
  EXPECT_EQ(from_result_text(oid::kInt2, "-7"), Value{std::int64_t{-7}});
  EXPECT_EQ(from_result_text(oid::kInt4, "2147483647"), Value{std::int64_t{2147483647}});
  EXPECT_EQ(from_result_text(oid::kInt8, "9223372036854775807"),
            Value{std::int64_t{9223372036854775807}});
  EXPECT_EQ(from_result_text(oid::kFloat8, "269.58322"), Value{269.58322});
  EXPECT_EQ(from_result_text(oid::kFloat4, "1.5"), Value{1.5});
  EXPECT_EQ(from_result_text(oid::kNumeric, "12.250"), Value{12.25});
  EXPECT_EQ(from_result_text(oid::kBool, "t"), Value{std::int64_t{1}});
  EXPECT_EQ(from_result_text(oid::kBool, "f"), Value{std::int64_t{0}});
  EXPECT_EQ(from_result_text(25 /* text */, "42"), Value{std::string{"42"}});
  EXPECT_EQ(from_result_text(oid::kTimestamptz, "2018-11-01 21:01:46.796+00"),
            Value{std::string{"2018-11-01 21:01:46.796"}});
  EXPECT_EQ(from_result_text(1082 /* date */, "2018-11-01"), Value{std::string{"2018-11-01"}});
}

TEST(PgValues, SpecialDoublesRead) {
  EXPECT_TRUE(std::isnan(std::get<double>(from_result_text(oid::kFloat8, "NaN"))));
  EXPECT_EQ(std::get<double>(from_result_text(oid::kFloat8, "Infinity")),
            std::numeric_limits<double>::infinity());
  EXPECT_EQ(std::get<double>(from_result_text(oid::kFloat8, "-Infinity")),
            -std::numeric_limits<double>::infinity());
  EXPECT_EQ(std::get<double>(from_result_text(oid::kNumeric, "1e400")),
            std::numeric_limits<double>::infinity());
}

TEST(PgValues, TimesInTheWarehouseForm) {
  EXPECT_EQ(canonical_time_text("2018-11-01 21:01:46.79+00"), "2018-11-01 21:01:46.790");
  EXPECT_EQ(canonical_time_text("2018-11-01 21:01:46+00"), "2018-11-01 21:01:46.000");
  EXPECT_EQ(canonical_time_text("2018-11-01 21:01:46.5"), "2018-11-01 21:01:46.500");
  EXPECT_EQ(canonical_time_text("2018-11-01 21:01:46.123456+00:00"), "2018-11-01 21:01:46.123456");
  EXPECT_EQ(canonical_time_text("2018-11-01 21:01:46.1234"), "2018-11-01 21:01:46.123400");
  // Anything else is left alone rather than misread.
  EXPECT_EQ(canonical_time_text("2018-11-01 21:01:46+05:30"), "2018-11-01 21:01:46+05:30");
  EXPECT_EQ(canonical_time_text("infinity"), "infinity");
  EXPECT_EQ(canonical_time_text("2018-11-01 21:01:46 BC"), "2018-11-01 21:01:46 BC");
}

TEST(PgValues, MalformedNumbersThrow) {
  EXPECT_THROW(from_result_text(oid::kInt8, "12a"), WarehouseError);
  EXPECT_THROW(from_result_text(oid::kFloat8, ""), WarehouseError);
}

}  // namespace
}  // namespace sparkify::pg
