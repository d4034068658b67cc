#include "pipeline/event_log_parts.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <condition_variable>
#include <limits>
#include <mutex>

#include "parse/json_lines.hpp"
#include "parse/parse_result.hpp"
#include "pipeline/ordered_parallel.hpp"

namespace sparkify {
namespace {

// Cuts a large event log into the parts split_json_lines would cut from its whole
// content (each at least part_bytes long, ending just after a line end), reading
// only as far as the part being cut. Parts are cut in order, from any thread.
class StreamedParts {
 public:
  StreamedParts(ObjectStream& stream, std::size_t part_bytes)
      : stream_(stream), part_bytes_(std::max<std::size_t>(part_bytes, 1)) {}

  struct Part {
    std::string text;
    std::int64_t first_line = 1;
    bool at_object_start = false;
  };

  // Part `index` (cut after part index - 1; waits for it). The last part takes the
  // rest of the object. Parts past the end are empty.
  Part cut(std::size_t index, bool last) {
    std::unique_lock lock(mutex_);
    turn_.wait(lock, [&] { return next_ == index; });
    struct NextTurn {
      StreamedParts& parts;
      ~NextTurn() {
        ++parts.next_;
        parts.turn_.notify_all();
      }
    } next_turn{*this};
    Part part;
    part.text = std::move(carry_);
    carry_.clear();
    part.first_line = next_line_;
    part.at_object_start = index == 0;
    std::size_t newline = std::string::npos;
    for (;;) {
      if (!last && part.text.size() > part_bytes_) {
        newline = part.text.find('\n', std::max(part_bytes_ - 1, searched_));
        searched_ = part.text.size();
        if (newline != std::string::npos)
          break;
      }
      if (at_end_)
        break;
      if (stream_.read_some(part.text, part_bytes_) == 0)
        at_end_ = true;
    }
    searched_ = 0;
    if (newline != std::string::npos && newline + 1 < part.text.size()) {
      carry_.assign(part.text, newline + 1);
      part.text.resize(newline + 1);
    }
    if (head_.size() < kMaxRawRejectBytes)
      head_.append(part.text, 0, std::min(part.text.size(), kMaxRawRejectBytes - head_.size()));
    bytes_ += part.text.size();
    next_line_ += std::count(part.text.begin(), part.text.end(), '\n');
    return part;
  }

  // The object's first bytes (enough for a reject's raw text) and its size, once cut.
  const std::string& head() const { return head_; }
  std::uint64_t bytes() const { return bytes_; }

 private:
  ObjectStream& stream_;
  const std::size_t part_bytes_;
  std::mutex mutex_;
  std::condition_variable turn_;
  std::size_t next_ = 0;      // the next part to cut
  std::string carry_;         // bytes read past the last part cut
  std::size_t searched_ = 0;  // how far the part being cut was searched for a line end
  std::int64_t next_line_ = 1;
  bool at_end_ = false;
  std::string head_;
  std::uint64_t bytes_ = 0;
};

// One parsed part's records and rejects, staged in order.
void stage_part(const Parsed<EventRecord>& parsed, StagingWriter& staging, StagedCounts& counts) {
  for (const auto& e : parsed.records)
    staging.add(e);
  for (const auto& r : parsed.rejects)
    staging.add(r);
  counts.records += parsed.records.size();
  counts.rejects += parsed.rejects.size();
}

}  // namespace

// Reads a large event log a part at a time while the helpers parse the parts before
// it, and stages each part's records and rejects in order: memory holds the parts in
// flight, never the whole log. The same rows, lines and rejects as parsing it whole.
StagedCounts stage_event_log_streamed(ObjectStream& stream, const ObjectInfo& object,
                                      std::size_t part_bytes, std::vector<EventLogParser>& parsers,
                                      StagingWriter& staging) {
  StreamedParts parts(stream, part_bytes);
  // Enough parts for the listed size; the last one takes whatever follows.
  const std::size_t count =
      static_cast<std::size_t>(object.size / std::max<std::size_t>(part_bytes, 1)) + 1;
  StagedCounts counts;
  try {
    ordered_parallel<Parsed<EventRecord>>(
        count,
        ParallelLimits{parsers.size(), 2 * parsers.size(),
                       std::numeric_limits<std::uint64_t>::max()},
        [](std::size_t) { return 0; },
        [&](std::size_t worker, std::size_t i) {
          const StreamedParts::Part part = parts.cut(i, i + 1 == count);
          return parsers[worker].parse_part(
              JsonLinesPart{part.text, part.first_line, part.at_object_start}, object.key);
        },
        [&](std::size_t, Parsed<EventRecord>&& parsed) { stage_part(parsed, staging, counts); });
  } catch (const SourceError& e) {
    if (counts.records == 0 && counts.rejects == 0)
      throw;  // nothing of it staged: the loader rejects it as unreadable
    throw PartlyStagedLog(fmt::format(
        "{}: reading failed after {} of its records and {} rejects were staged ({}); the batch "
        "is rolled back so that no part of the log is kept: run the load again",
        object.key, counts.records, counts.rejects, e.what()));
  }
  if (counts.records == 0 && counts.rejects == 0) {
    staging.add(make_empty_object_reject(object.key, parts.head()));
    counts.rejects = 1;
  }
  counts.bytes = parts.bytes();
  return counts;
}

}  // namespace sparkify
