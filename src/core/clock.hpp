// Wall-clock time as the warehouse stores it.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace sparkify {

// "YYYY-MM-DD HH:MM:SS.mmm" in UTC, the text form of every time in the warehouse.
std::string utc_text(std::chrono::system_clock::time_point t);
inline std::string utc_now_text() {
  return utc_text(std::chrono::system_clock::now());
}

// The time a "YYYY-MM-DD HH:MM:SS" text spells in UTC, with up to six digits of a
// fraction of a second after a '.'; nullopt for any other text or an impossible date.
std::optional<std::chrono::sys_time<std::chrono::microseconds>> parse_utc_text(
    std::string_view text);

}  // namespace sparkify
