// Loads a folder laid out like data/sample (song_data/ and log_data/) through the
// library's Loader, as `sparkify load --songs ROOT/song_data --events
// ROOT/log_data` would, without the command line. The warehouse must be migrated.
#pragma once

#include <filesystem>
#include <memory>
#include <vector>

#include "pipeline/loader.hpp"
#include "source/local_folder_source.hpp"

namespace sparkify::testing {

// `hook` (may be null) is the loader's test seam at each batch's fault points.
inline LoadReport load_folder(Warehouse& wh, const std::filesystem::path& root,
                              LoadOptions options = {}, BatchHook* hook = nullptr) {
  std::vector<SourceSpec> sources;
  sources.push_back(SourceSpec{std::make_unique<LocalFolderSource>((root / "song_data").string()),
                               ObjectKind::song});
  sources.push_back(SourceSpec{std::make_unique<LocalFolderSource>((root / "log_data").string()),
                               ObjectKind::event});
  Loader loader(wh, std::move(options), {}, hook);
  return loader.run(sources);
}

}  // namespace sparkify::testing
