#include <gtest/gtest.h>

#include "enrich/event_id.hpp"
#include "enrich/time_parts.hpp"

namespace sparkify {
namespace {

TEST(EventId, IsTheSha256OfTheDocumentedText) {
  // sha256("8|139|6|1541107053796"), computed independently with `sha256sum`.
  EXPECT_EQ(make_event_id("8", 139, 6, 1541107053796),
            "7395e06049160f76b03709dd72618e19b37e4f63f39a0d17b639f36b443b6022");
}

TEST(EventId, DiffersWhenAnyIdentifyingFieldDiffers) {
  const auto base = make_event_id("8", 139, 6, 1541107053796);
  EXPECT_EQ(base.size(), 64U);
  EXPECT_NE(base, make_event_id("", 139, 6, 1541107053796));
  EXPECT_NE(base, make_event_id("8", 138, 6, 1541107053796));
  EXPECT_NE(base, make_event_id("8", 139, 7, 1541107053796));
  EXPECT_NE(base, make_event_id("8", 139, 6, 1541107053797));
  // The separator keeps "1|23" and "12|3" apart.
  EXPECT_NE(make_event_id("1", 23, 0, 0), make_event_id("12", 3, 0, 0));
}

TEST(TimeParts, ASampleEvent) {
  // 1541107053796 ms = 2018-11-01 21:17:33.796 UTC, a Thursday in ISO week 44.
  const TimeParts p = time_parts(1541107053796);
  EXPECT_EQ(p.start_time, "2018-11-01 21:17:33.796");
  EXPECT_EQ(p.hour, 21);
  EXPECT_EQ(p.day, 1);
  EXPECT_EQ(p.week, 44);
  EXPECT_EQ(p.month, 11);
  EXPECT_EQ(p.year, 2018);
  EXPECT_EQ(p.weekday, 3);
}

TEST(TimeParts, EpochAndWeekdays) {
  const TimeParts epoch = time_parts(0);
  EXPECT_EQ(epoch.start_time, "1970-01-01 00:00:00.000");
  EXPECT_EQ(epoch.weekday, 3);  // Thursday
  EXPECT_EQ(epoch.week, 1);
  EXPECT_EQ(time_parts(4LL * 86'400'000).weekday, 0);  // 1970-01-05, a Monday
  EXPECT_EQ(time_parts(3LL * 86'400'000).weekday, 6);  // 1970-01-04, a Sunday
}

TEST(TimeParts, IsoWeeksAtYearBoundaries) {
  const auto at = [](int days_since_epoch) {
    return time_parts(static_cast<std::int64_t>(days_since_epoch) * 86'400'000);
  };
  // 2018-12-31 (day 17896) is a Monday in ISO week 1 of 2019, calendar year 2018.
  EXPECT_EQ(at(17896).start_time.substr(0, 10), "2018-12-31");
  EXPECT_EQ(at(17896).week, 1);
  EXPECT_EQ(at(17896).year, 2018);
  // 2021-01-03 (day 18630) is a Sunday in ISO week 53 of 2020.
  EXPECT_EQ(at(18630).start_time.substr(0, 10), "2021-01-03");
  EXPECT_EQ(at(18630).week, 53);
  // 2016-02-29 (day 16860), a leap day, a Monday in week 9.
  EXPECT_EQ(at(16860).start_time.substr(0, 10), "2016-02-29");
  EXPECT_EQ(at(16860).week, 9);
  EXPECT_EQ(at(16860).weekday, 0);
}

TEST(TimeParts, LastSupportedMillisecond) {
  EXPECT_EQ(time_parts(kMaxTs).start_time, "9999-12-31 23:59:59.999");
}

}  // namespace
}  // namespace sparkify
