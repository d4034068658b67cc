// Calendar parts of a millisecond Unix timestamp, in UTC, for d_time.
#pragma once

#include <cstdint>

#include "core/records.hpp"

namespace sparkify {

// Earliest and latest ts accepted: 1970-01-01 and 9999-12-31T23:59:59.999Z.
inline constexpr std::int64_t kMinTs = 0;
inline constexpr std::int64_t kMaxTs = 253402300799999;

// Parts of ts (which must lie in [kMinTs, kMaxTs]): hour, day of month, ISO 8601
// week, month, year, weekday with 0 = Monday, and the start time as text.
TimeParts time_parts(std::int64_t ts);

}  // namespace sparkify
