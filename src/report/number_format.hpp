// Numbers as people read them in reports: 6,820 and 12.5%, and compact axis
// ticks (1.2k, 3M).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/table.hpp"

namespace sparkify::report {

// 6820 -> "6,820"; -1234567 -> "-1,234,567".
std::string group_thousands(std::int64_t value);

// Integral values grouped ("6,820"); others with up to `decimals` decimals,
// trailing zeros dropped ("0.25", "3.142"), and more for numbers below 1 so that
// two significant digits show ("0.00015"); non-finite as "–".
std::string format_number(double value, int decimals = 2);

// A share (0..1) as a percentage with its significant digits: 0.0935 -> "9.4 %",
// 0.000147 -> "0.015 %", 1 -> "100 %".
std::string format_percent(double share);

// Whether a column holds shares (0..1) to show as percentages: "share", "*_share".
bool is_share_column(std::string_view column);

// Tick labels: "0", "500", "1.5k", "20k", "3M".
std::string format_tick(double value);

// A table cell for people: reals via format_number, integers grouped unless
// `group` is false (ids, years), text as is, NULL as the empty optional.
std::optional<std::string> format_cell(const Value& value, bool group = true);

// False for columns whose integers are codes rather than quantities, which
// must not get thousands separators: "id", "*_id", "year", "ts", "*_ts".
bool groups_thousands(std::string_view column);

}  // namespace sparkify::report
