// "unknown command 'lod'; did you mean 'load'?": the command words of a command
// line checked against the commands there are, before CLI11 parses it (it would
// say only "A subcommand is required"), as git does.
#pragma once

#include <CLI/CLI.hpp>
#include <optional>
#include <string>
#include <vector>

namespace sparkify {

// The error message for the first word of args that should name a command and
// does not (with the closest command when one is near), or nothing.
std::optional<std::string> unknown_command(const CLI::App& app,
                                           const std::vector<std::string>& args);

// The number of single-character edits (insert, delete, replace, swap of two
// neighbours) between a and b.
std::size_t edit_distance(std::string_view a, std::string_view b);

}  // namespace sparkify
