// Staging a large event log in line-aligned parts: the writer's helpers parse the
// parts in parallel and the writer stages each part's records and rejects in order,
// as soon as it is parsed, so a daily log's records are never all in memory at once.
// The rows, their line numbers and the rejects are those of parsing the log whole.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "parse/event_parser.hpp"
#include "source/source.hpp"
#include "warehouse/warehouse.hpp"

namespace sparkify {

struct StagedCounts {
  std::size_t records = 0;
  std::size_t rejects = 0;
  std::uint64_t bytes = 0;  // of the log read (stage_event_log_streamed)
};

// A stream failed after part of its log was staged: the batch must roll back rather
// than keep half a log (its rejects would be written again by the run that reads it
// whole). A SourceError (the command exits with the source code), but never one to
// reject the object for and go on.
class PartlyStagedLog : public SourceError {
 public:
  using SourceError::SourceError;
};

// A log read a part at a time while the helpers parse the parts before it: memory holds
// the parts in flight, never the whole log. Throws SourceError when the stream fails
// before anything of the log was staged, PartlyStagedLog when it fails after.
StagedCounts stage_event_log_streamed(ObjectStream& stream, const ObjectInfo& object,
                                      std::size_t part_bytes, std::vector<EventLogParser>& parsers,
                                      StagingWriter& staging);

}  // namespace sparkify
