// Range checks for numeric flags, with messages a person reads: "--jobs: expected
// a whole number from 0 to 1024, got '-1'" (CLI11's own say "Value -1 not in range
// 0.000000 to 1797...", or let "-1" wrap around to the largest unsigned number).
#pragma once

#include <CLI/CLI.hpp>
#include <cstdint>

namespace sparkify {

// A whole number (no sign for min >= 0, no fraction, no exponent) from min to max.
CLI::Validator whole_number(std::int64_t min, std::int64_t max);

// A decimal number from min to max (a finite value; "1e-3" is allowed).
CLI::Validator decimal_number(double min, double max);

}  // namespace sparkify
