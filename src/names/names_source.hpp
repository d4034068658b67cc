// Reading the SSA baby-names data: a zip (or any archive libarchive reads) of
// yobYYYY.txt files, or a folder holding them.
#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <string_view>

namespace sparkify::names {

// True for the names of the yearly files: "yob" + four digits + ".txt", in any
// folder of the archive. Other entries (NationalReadMe.pdf, ...) are ignored.
bool is_yob_file_name(std::string_view path);

// Called once per yearly file with its name (as in the archive or folder) and
// its whole text.
using YobFileVisitor = std::function<void(const std::string& name, std::string_view text)>;

// Visits every yob*.txt of `path`, a folder or an archive file, in name order
// for folders and archive order for archives. Throws std::runtime_error naming
// the path when it cannot be read, or when it holds no yearly file at all.
// Returns the number of files visited.
std::size_t for_each_yob_file(const std::filesystem::path& path, const YobFileVisitor& visit);

}  // namespace sparkify::names
