#include "enrich/time_parts.hpp"

#include <fmt/format.h>

namespace sparkify {
namespace {

struct CivilDate {
  std::int64_t year;
  int month;  // 1..12
  int day;    // 1..31
};

// Days since 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's algorithm).
CivilDate civil_from_days(std::int64_t z) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const std::int64_t doe = z - era * 146097;
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::int64_t mp = (5 * doy + 2) / 153;
  const auto day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  const auto month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  return {yoe + era * 400 + (month <= 2 ? 1 : 0), month, day};
}

std::int64_t days_from_civil(std::int64_t y, int m, int d) {
  y -= m <= 2 ? 1 : 0;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const std::int64_t yoe = y - era * 400;
  const std::int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

// 0 = Monday ... 6 = Sunday. 1970-01-01 was a Thursday (3).
int weekday_from_days(std::int64_t days) {
  return static_cast<int>(((days % 7) + 7 + 3) % 7);
}

// ISO 8601 week: the week holding the year's first Thursday is week 1.
int iso_week(std::int64_t days) {
  const std::int64_t thursday = days - weekday_from_days(days) + 3;
  const CivilDate t = civil_from_days(thursday);
  const std::int64_t jan1 = days_from_civil(t.year, 1, 1);
  return static_cast<int>((thursday - jan1) / 7 + 1);
}

}  // namespace

TimeParts time_parts(std::int64_t ts) {
  const std::int64_t ms_per_day = 86'400'000;
  const std::int64_t days = ts / ms_per_day;  // ts >= 0, so this is floor division
  const std::int64_t ms_of_day = ts % ms_per_day;
  const CivilDate date = civil_from_days(days);
  TimeParts parts;
  parts.hour = static_cast<int>(ms_of_day / 3'600'000);
  const auto minute = static_cast<int>(ms_of_day / 60'000 % 60);
  const auto second = static_cast<int>(ms_of_day / 1000 % 60);
  const auto millis = static_cast<int>(ms_of_day % 1000);
  parts.day = date.day;
  parts.month = date.month;
  parts.year = static_cast<int>(date.year);
  parts.weekday = weekday_from_days(days);
  parts.week = iso_week(days);
  parts.start_time = fmt::format("{:04}-{:02}-{:02} {:02}:{:02}:{:02}.{:03}", date.year, date.month,
                                 date.day, parts.hour, minute, second, millis);
  return parts;
}

}  // namespace sparkify
