// What a load refuses (docs/operations.md): a source that lists nothing, and a
// run that rejected every record of a kind or more than --max-reject-share.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "pipeline/loader.hpp"

namespace sparkify {

// Lists the first page of every source before the warehouse is opened: a missing
// folder or bucket fails the load before anything is created (SourceError), and a
// source that lists nothing (a typo, a wrong mount) is a SourceError too unless
// allow_empty.
void require_listable_sources(const std::vector<SourceSpec>& sources, bool allow_empty);

// Why the load's rejects fail it, or nothing: a kind of which every record read was
// rejected (without max_share), or whose share of rejected records is above
// max_share. The good records are committed either way.
std::optional<std::string> too_many_rejects(const LoadReport& report,
                                            const std::optional<double>& max_share,
                                            const std::vector<SourceSpec>& sources);

}  // namespace sparkify
