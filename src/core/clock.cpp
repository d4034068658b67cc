#include "core/clock.hpp"

#include "enrich/time_parts.hpp"

namespace sparkify {

std::string utc_text(std::chrono::system_clock::time_point t) {
  const auto ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(t.time_since_epoch()).count();
  return time_parts(ms).start_time;
}

}  // namespace sparkify
