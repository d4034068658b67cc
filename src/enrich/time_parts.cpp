#include "enrich/time_parts.hpp"

#include <fmt/format.h>

#include <chrono>

namespace sparkify {
namespace {

using std::chrono::days;
using std::chrono::sys_days;

// ISO 8601 week: the week holding the year's first Thursday is week 1.
int iso_week(sys_days day) {
  const sys_days thursday = day - days{std::chrono::weekday{day}.iso_encoding() - 1} + days{3};
  const sys_days jan1{std::chrono::year_month_day{thursday}.year() / std::chrono::January / 1};
  return static_cast<int>((thursday - jan1).count() / 7 + 1);
}

}  // namespace

TimeParts time_parts(std::int64_t ts) {
  const std::int64_t ms_per_day = 86'400'000;
  const sys_days day{days{ts / ms_per_day}};  // ts >= 0, so this is floor division
  const std::int64_t ms_of_day = ts % ms_per_day;
  const std::chrono::year_month_day date{day};
  TimeParts parts;
  parts.hour = static_cast<int>(ms_of_day / 3'600'000);
  const auto minute = static_cast<int>(ms_of_day / 60'000 % 60);
  const auto second = static_cast<int>(ms_of_day / 1000 % 60);
  const auto millis = static_cast<int>(ms_of_day % 1000);
  parts.day = static_cast<int>(static_cast<unsigned>(date.day()));
  parts.month = static_cast<int>(static_cast<unsigned>(date.month()));
  parts.year = static_cast<int>(date.year());
  parts.weekday = static_cast<int>(std::chrono::weekday{day}.iso_encoding()) - 1;  // 0 = Monday
  parts.week = iso_week(day);
  parts.start_time = fmt::format("{:04}-{:02}-{:02} {:02}:{:02}:{:02}.{:03}", parts.year,
                                 parts.month, parts.day, parts.hour, minute, second, millis);
  return parts;
}

}  // namespace sparkify
