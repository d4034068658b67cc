// Wall-clock time as the warehouse stores it.
#pragma once

#include <chrono>
#include <string>

namespace sparkify {

// "YYYY-MM-DD HH:MM:SS.mmm" in UTC, the text form of every time in the warehouse.
std::string utc_text(std::chrono::system_clock::time_point t);
inline std::string utc_now_text() {
  return utc_text(std::chrono::system_clock::now());
}

}  // namespace sparkify
