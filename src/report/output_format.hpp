// Choosing one of the output formats of query results by name.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/table.hpp"

namespace sparkify::report {

enum class OutputFormat { table, csv, json };

// "table", "csv" or "json" (as given to --format); nothing for anything else.
std::optional<OutputFormat> parse_output_format(std::string_view name);

// Renders with each format's default options.
std::string render(const Table& table, OutputFormat format);

}  // namespace sparkify::report
