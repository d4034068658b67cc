#include "source/local_folder_source.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <system_error>

namespace sparkify {
namespace fs = std::filesystem;
namespace {

bool is_hidden(const fs::path& name) {
  const std::string s = name.filename().string();
  return !s.empty() && s.front() == '.';
}

ObjectInfo describe_file(const fs::path& path, std::uint64_t size) {
  std::error_code ec;
  const auto mtime = fs::last_write_time(path, ec);
  const auto ns =
      ec ? 0
         : std::chrono::duration_cast<std::chrono::nanoseconds>(mtime.time_since_epoch()).count();
  return ObjectInfo{path.string(), size, fmt::format("{}-{}", ns, size)};
}

}  // namespace

LocalFolderSource::LocalFolderSource(fs::path root, std::string suffix)
    : root_(fs::absolute(std::move(root)).lexically_normal()), suffix_(std::move(suffix)) {}

std::vector<ObjectInfo> LocalFolderSource::list(const std::string& start_after) {
  std::vector<ObjectInfo> out;
  std::error_code ec;
  const auto status = fs::status(root_, ec);
  if (ec || !fs::exists(status)) {
    throw SourceError(fmt::format("{}: no such file or folder", root_.string()));
  }
  if (fs::is_regular_file(status)) {
    out.push_back(describe_file(root_, fs::file_size(root_, ec)));
  } else {
    fs::recursive_directory_iterator it(root_, fs::directory_options::none, ec);
    if (ec)
      throw SourceError(fmt::format("{}: {}", root_.string(), ec.message()));
    for (const fs::recursive_directory_iterator end; it != end; it.increment(ec)) {
      if (ec)
        throw SourceError(fmt::format("{}: {}", root_.string(), ec.message()));
      const fs::directory_entry& entry = *it;
      if (is_hidden(entry.path())) {
        // Hidden files and folders (.ipynb_checkpoints/, .DS_Store) are copies, not data.
        if (entry.is_directory(ec))
          it.disable_recursion_pending();
        continue;
      }
      if (!entry.is_regular_file(ec))
        continue;
      const std::string name = entry.path().filename().string();
      if (!name.ends_with(suffix_))
        continue;
      out.push_back(describe_file(entry.path(), entry.file_size(ec)));
    }
  }
  std::sort(out.begin(), out.end(),
            [](const ObjectInfo& a, const ObjectInfo& b) { return a.key < b.key; });
  if (!start_after.empty()) {
    std::erase_if(out, [&](const ObjectInfo& o) { return o.key <= start_after; });
  }
  return out;
}

std::string LocalFolderSource::read(const ObjectInfo& object) {
  std::ifstream in(object.key, std::ios::binary);
  if (!in) {
    throw SourceError(fmt::format("{}: cannot open: {}", object.key, std::strerror(errno)));
  }
  std::string content;
  in.seekg(0, std::ios::end);
  const auto size = in.tellg();
  in.seekg(0, std::ios::beg);
  if (size > 0)
    content.resize(static_cast<std::size_t>(size));
  in.read(content.data(), static_cast<std::streamsize>(content.size()));
  if (in.bad())
    throw SourceError(fmt::format("{}: read failed", object.key));
  content.resize(static_cast<std::size_t>(in.gcount()));
  return content;
}

std::string LocalFolderSource::describe() const {
  return "folder " + root_.string();
}

}  // namespace sparkify
