#include "source/local_folder_source.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <optional>
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

// Walks a folder tree in the lexicographic order of the files' full paths, one
// directory's sorted entries per level. A folder sorts as its name followed by '/',
// which puts its files exactly where the full paths sort them ("a-b" < "a/x", since
// '-' < '/'). Folders reached through a symbolic link are not entered.
class FolderListing final : public ObjectListing {
 public:
  FolderListing(fs::path root, std::string suffix, std::string start_after)
      : suffix_(std::move(suffix)), start_after_(std::move(start_after)) {
    std::error_code ec;
    const auto status = fs::status(root, ec);
    if (ec || !fs::exists(status)) {
      throw SourceError(fmt::format("{}: no such file or folder", root.string()));
    }
    if (fs::is_regular_file(status)) {
      single_file_ = std::move(root);
    } else {
      open_folder(root, true);
    }
  }

  std::vector<ObjectInfo> next_page() override {
    constexpr std::size_t kPageObjects = 1000;
    std::vector<ObjectInfo> page;
    if (single_file_) {
      std::error_code ec;
      const auto size = fs::file_size(*single_file_, ec);
      if (after_start(single_file_->string()))
        page.push_back(describe_file(*single_file_, ec ? 0 : size));
      single_file_.reset();
      return page;
    }
    while (!open_.empty() && page.size() < kPageObjects) {
      Folder& folder = open_.back();
      if (folder.next == folder.entries.size()) {
        open_.pop_back();
        continue;
      }
      Entry entry = std::move(folder.entries[folder.next++]);
      if (entry.is_folder) {
        open_folder(entry.path, false);  // invalidates `folder`
      } else if (after_start(entry.object.key)) {
        page.push_back(std::move(entry.object));
      }
    }
    return page;
  }

 private:
  struct Entry {
    std::string sort_key;
    fs::path path;
    bool is_folder = false;
    ObjectInfo object;  // a file's key, size and version, read together
  };
  struct Folder {
    std::vector<Entry> entries;  // sorted by sort_key
    std::size_t next = 0;
  };

  bool after_start(const std::string& key) const {
    return start_after_.empty() || key > start_after_;
  }

  void open_folder(const fs::path& path, bool root) {
    std::error_code ec;
    fs::directory_iterator it(path, ec);
    // A subfolder removed since its parent was read holds nothing to load.
    if (!root && ec == std::errc::no_such_file_or_directory)
      return;
    if (ec)
      throw SourceError(fmt::format("{}: {}", path.string(), ec.message()));
    Folder folder;
    for (const fs::directory_iterator end; it != end; it.increment(ec)) {
      if (ec)
        throw SourceError(fmt::format("{}: {}", path.string(), ec.message()));
      const fs::directory_entry& entry = *it;
      // Hidden files and folders (.ipynb_checkpoints/, .DS_Store) are copies, not data.
      if (is_hidden(entry.path()))
        continue;
      std::string name = entry.path().filename().string();
      if (entry.is_directory(ec) && !entry.is_symlink(ec)) {
        folder.entries.push_back(Entry{name + '/', entry.path(), true, {}});
      } else if (entry.is_regular_file(ec) && name.ends_with(suffix_)) {
        const auto size = entry.file_size(ec);
        folder.entries.push_back(Entry{std::move(name), entry.path(), false,
                                       describe_file(entry.path(), ec ? 0 : size)});
      }
    }
    if (ec)
      throw SourceError(fmt::format("{}: {}", path.string(), ec.message()));
    std::sort(folder.entries.begin(), folder.entries.end(),
              [](const Entry& a, const Entry& b) { return a.sort_key < b.sort_key; });
    open_.push_back(std::move(folder));
  }

  std::string suffix_;
  std::string start_after_;
  std::optional<fs::path> single_file_;
  std::vector<Folder> open_;  // the folders being walked, outermost first
};

}  // namespace

LocalFolderSource::LocalFolderSource(const fs::path& root, std::string suffix)
    : root_(fs::absolute(root).lexically_normal()), suffix_(std::move(suffix)) {}

std::unique_ptr<ObjectListing> LocalFolderSource::open_listing(const std::string& start_after) {
  return std::make_unique<FolderListing>(root_, suffix_, start_after);
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

namespace {

class FileStream final : public ObjectStream {
 public:
  explicit FileStream(const std::string& path) : path_(path), in_(path, std::ios::binary) {
    if (!in_) {
      throw SourceError(fmt::format("{}: cannot open: {}", path_, std::strerror(errno)));
    }
  }

  std::size_t read_some(std::string& out, std::size_t max_bytes) override {
    const std::size_t old_size = out.size();
    out.resize(old_size + max_bytes);
    in_.read(out.data() + old_size, static_cast<std::streamsize>(max_bytes));
    if (in_.bad())
      throw SourceError(fmt::format("{}: read failed", path_));
    const auto got = static_cast<std::size_t>(in_.gcount());
    out.resize(old_size + got);
    return got;
  }

 private:
  std::string path_;
  std::ifstream in_;
};

}  // namespace

std::unique_ptr<ObjectStream> LocalFolderSource::open_stream(const ObjectInfo& object) {
  return std::make_unique<FileStream>(object.key);
}

std::string LocalFolderSource::describe() const {
  return "folder " + root_.string();
}

}  // namespace sparkify
