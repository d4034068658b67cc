#include "source/open_source.hpp"

#include "source/local_folder_source.hpp"
#include "source/s3/s3_source.hpp"

namespace sparkify {

std::unique_ptr<Source> open_source(const std::string& location, const s3::S3Options& s3_options) {
  if (s3::is_s3_url(location)) {
    return s3::make_s3_source(location, s3_options, s3::process_environment());
  }
  return std::make_unique<LocalFolderSource>(location);
}

}  // namespace sparkify
