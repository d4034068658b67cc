// Column names as a reader of the report reads them: "user_id" -> "User",
// "match_share" -> "Share matched", "total_upgrades" -> "Upgrades so far"; other
// names with their underscores as spaces and a capital first letter.
#pragma once

#include <string>
#include <string_view>

namespace sparkify::report {

std::string column_heading(std::string_view column);

}  // namespace sparkify::report
