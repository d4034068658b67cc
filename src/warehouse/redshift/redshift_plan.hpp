// What `init`, `load` and `replay --dry-run` print for Redshift: the exact
// statements, in order, built from the embedded SQL without connecting.
// Parameters stay as $n, with a comment saying what each is at run time.
#pragma once

#include <optional>
#include <string>

#include "warehouse/redshift/redshift_copy.hpp"
#include "warehouse/redshift/redshift_options.hpp"

namespace sparkify::redshift {

std::string init_plan(const RedshiftOptions& options);
// copy: the server-side COPY of the event logs, when the source is S3 and an IAM
// role is configured (the manifest URL shows the batch id as 000000).
std::string load_plan(const RedshiftOptions& options, const std::optional<CopySpec>& copy);
std::string replay_plan(const RedshiftOptions& options);

}  // namespace sparkify::redshift
