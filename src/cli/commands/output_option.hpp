// --format table|csv|json, shared by the commands that print tables.
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "report/output_format.hpp"

namespace sparkify {

inline CLI::Option* add_format_option(CLI::App& command, std::string& format,
                                      const std::vector<std::string>& allowed) {
  return command.add_option("--format", format, "Output format")
      ->option_text(CLI::detail::join(allowed, "|"))
      ->capture_default_str()
      ->check(CLI::IsMember(allowed));
}

inline report::OutputFormat output_format(const std::string& name) {
  return report::parse_output_format(name).value_or(report::OutputFormat::table);
}

}  // namespace sparkify
