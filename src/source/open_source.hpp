// Chooses the source for a location: s3://bucket/prefix or a local path.
#pragma once

#include <memory>
#include <string>

#include "source/s3/config.hpp"
#include "source/source.hpp"

namespace sparkify {

// s3://... goes to S3 (credentials and settings found as the AWS CLI finds
// them, overridden by s3_options); anything else is a local folder or file.
std::unique_ptr<Source> open_source(const std::string& location, const s3::S3Options& s3_options);

}  // namespace sparkify
