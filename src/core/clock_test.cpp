#include "core/clock.hpp"

#include <gtest/gtest.h>

namespace sparkify {
namespace {

using std::chrono::microseconds;

std::int64_t micros_since_epoch(std::string_view text) {
  const auto t = parse_utc_text(text);
  EXPECT_TRUE(t.has_value()) << text;
  return t ? t->time_since_epoch().count() : -1;
}

TEST(ParseUtcText, ReadsWhatUtcTextWrites) {
  const std::chrono::system_clock::time_point t{std::chrono::milliseconds{1541107053796}};
  EXPECT_EQ(utc_text(t), "2018-11-01 21:17:33.796");
  EXPECT_EQ(micros_since_epoch(utc_text(t)), 1541107053796000);
}

TEST(ParseUtcText, FractionsOfUpToSixDigits) {
  EXPECT_EQ(micros_since_epoch("1970-01-01 00:00:00"), 0);
  EXPECT_EQ(micros_since_epoch("1970-01-01 00:00:01.5"), 1'500'000);
  EXPECT_EQ(micros_since_epoch("1970-01-01 00:00:00.000001"), 1);
  EXPECT_EQ(micros_since_epoch("2000-01-01 00:00:00.000"), 946'684'800'000'000);
  EXPECT_EQ(micros_since_epoch("2016-02-29 23:59:59.999"), 1'456'790'399'999'000);
  EXPECT_EQ(micros_since_epoch("9999-12-31 23:59:59.999"), 253'402'300'799'999'000);
}

TEST(ParseUtcText, RefusesOtherTextAndImpossibleDates) {
  for (const char* bad :
       {"", "2018-11-01", "2018-11-01T21:17:33", "2018-11-01 21:17:33.",
        "2018-11-01 21:17:33.1234567", "2018-11-01 21:17:33Z", "2018-11-01 21:17:3x",
        "2018-02-30 00:00:00", "2018-13-01 00:00:00", "2018-11-01 24:00:00", "2018-11-01 23:60:00",
        "+018-11-01 00:00:00", "2018-11-01 21:17:33.+1"})
    EXPECT_FALSE(parse_utc_text(bad).has_value()) << bad;
}

}  // namespace
}  // namespace sparkify
