#include "core/clock.hpp"

#include <charconv>

#include "enrich/time_parts.hpp"

namespace sparkify {
namespace {

// The number spelled by exactly text[at, at + digits), or nullopt.
std::optional<int> digits_at(std::string_view text, std::size_t at, std::size_t digits) {
  if (at + digits > text.size())
    return std::nullopt;
  int value = 0;
  const char* first = text.data() + at;
  const auto [end, error] = std::from_chars(first, first + digits, value);
  if (error != std::errc{} || end != first + digits || *first == '+' || *first == '-')
    return std::nullopt;
  return value;
}

}  // namespace

std::string utc_text(std::chrono::system_clock::time_point t) {
  const auto ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
  return time_parts(ms).start_time;
}

std::optional<std::chrono::sys_time<std::chrono::microseconds>> parse_utc_text(
    std::string_view text) {
  using namespace std::chrono;
  if (text.size() < 19 || text[4] != '-' || text[7] != '-' || text[10] != ' ' || text[13] != ':' ||
      text[16] != ':')
    return std::nullopt;
  const auto y = digits_at(text, 0, 4);
  const auto mo = digits_at(text, 5, 2);
  const auto d = digits_at(text, 8, 2);
  const auto h = digits_at(text, 11, 2);
  const auto mi = digits_at(text, 14, 2);
  const auto s = digits_at(text, 17, 2);
  if (!y || !mo || !d || !h || !mi || !s || *h > 23 || *mi > 59 || *s > 59)
    return std::nullopt;
  const year_month_day date{year{*y}, month{static_cast<unsigned>(*mo)},
                            day{static_cast<unsigned>(*d)}};
  if (!date.ok())
    return std::nullopt;
  int micros = 0;
  if (text.size() > 19) {
    const std::size_t fraction = text.size() - 20;
    if (text[19] != '.' || fraction == 0 || fraction > 6)
      return std::nullopt;
    const auto f = digits_at(text, 20, fraction);
    if (!f)
      return std::nullopt;
    micros = *f;
    for (std::size_t i = fraction; i < 6; ++i)
      micros *= 10;
  }
  return sys_days{date} + hours{*h} + minutes{*mi} + seconds{*s} + microseconds{micros};
}

}  // namespace sparkify
