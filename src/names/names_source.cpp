#include "names/names_source.hpp"

#include <archive.h>
#include <archive_entry.h>
#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <vector>

namespace sparkify::names {
namespace {

struct ArchiveCloser {
  void operator()(archive* a) const { archive_read_free(a); }
};
using ArchivePtr = std::unique_ptr<archive, ArchiveCloser>;

std::string base_name(std::string_view path) {
  const auto slash = path.find_last_of("/\\");
  return std::string(slash == std::string_view::npos ? path : path.substr(slash + 1));
}

std::string read_whole_file(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in)
    throw std::runtime_error(fmt::format("cannot open {}", file.string()));
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad())
    throw std::runtime_error(fmt::format("cannot read {}", file.string()));
  return std::move(buffer).str();
}

std::size_t visit_folder(const std::filesystem::path& folder, const YobFileVisitor& visit) {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(folder)) {
    if (entry.is_regular_file() && is_yob_file_name(entry.path().filename().string())) {
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  for (const auto& file : files)
    visit(file.filename().string(), read_whole_file(file));
  return files.size();
}

std::size_t visit_archive(const std::filesystem::path& file, const YobFileVisitor& visit) {
  ArchivePtr reader(archive_read_new());
  if (!reader)
    throw std::runtime_error("libarchive: out of memory");
  archive_read_support_filter_all(reader.get());
  archive_read_support_format_all(reader.get());
  if (archive_read_open_filename(reader.get(), file.c_str(), 64 * 1024) != ARCHIVE_OK) {
    throw std::runtime_error(
        fmt::format("cannot open {}: {}", file.string(), archive_error_string(reader.get())));
  }
  std::size_t visited = 0;
  archive_entry* entry = nullptr;
  std::string text;
  while (true) {
    const int rc = archive_read_next_header(reader.get(), &entry);
    if (rc == ARCHIVE_EOF)
      break;
    if (rc != ARCHIVE_OK && rc != ARCHIVE_WARN) {
      throw std::runtime_error(
          fmt::format("cannot read {}: {}", file.string(), archive_error_string(reader.get())));
    }
    const char* raw_name = archive_entry_pathname(entry);
    const std::string name = raw_name ? raw_name : "";
    if (archive_entry_filetype(entry) != AE_IFREG || !is_yob_file_name(name))
      continue;
    text.clear();
    if (archive_entry_size_is_set(entry)) {
      text.reserve(static_cast<std::size_t>(std::max<la_int64_t>(0, archive_entry_size(entry))));
    }
    char chunk[64 * 1024];
    while (true) {
      const la_ssize_t n = archive_read_data(reader.get(), chunk, sizeof chunk);
      if (n == 0)
        break;
      if (n < 0) {
        throw std::runtime_error(fmt::format("cannot read {} in {}: {}", name, file.string(),
                                             archive_error_string(reader.get())));
      }
      text.append(chunk, static_cast<std::size_t>(n));
    }
    visit(name, text);
    ++visited;
  }
  return visited;
}

}  // namespace

bool is_yob_file_name(std::string_view path) {
  const std::string name = base_name(path);
  if (name.size() != 11 || !name.starts_with("yob") || !name.ends_with(".txt"))
    return false;
  return std::all_of(name.begin() + 3, name.begin() + 7,
                     [](char c) { return c >= '0' && c <= '9'; });
}

std::size_t for_each_yob_file(const std::filesystem::path& path, const YobFileVisitor& visit) {
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (ec || !std::filesystem::exists(status)) {
    throw std::runtime_error(fmt::format("names data not found: {}", path.string()));
  }
  const std::size_t visited = std::filesystem::is_directory(status) ? visit_folder(path, visit)
                                                                    : visit_archive(path, visit);
  if (visited == 0) {
    throw std::runtime_error(fmt::format("no yobYYYY.txt files in {}", path.string()));
  }
  return visited;
}

}  // namespace sparkify::names
