// A folder (or a single file) on the local file system, mirroring an S3 prefix.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "source/source.hpp"

namespace sparkify {

class LocalFolderSource final : public Source {
 public:
  // root: a folder searched recursively for files ending in suffix, or one file.
  explicit LocalFolderSource(const std::filesystem::path& root, std::string suffix = ".json");

  // Keys are absolute, lexically normal paths; the version is "<mtime ns>-<size>".
  // The folder is walked in key order, one directory at a time: memory follows the
  // largest directory, not the number of files.
  std::unique_ptr<ObjectListing> open_listing(const std::string& start_after = {}) override;
  std::string read(const ObjectInfo& object) override;
  std::unique_ptr<ObjectStream> open_stream(const ObjectInfo& object) override;
  std::string describe() const override;

 private:
  std::filesystem::path root_;
  std::string suffix_;
};

}  // namespace sparkify
