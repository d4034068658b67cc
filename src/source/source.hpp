// Where raw objects come from: a local folder now, S3 later. A source lists
// objects and reads one object's bytes; it knows nothing of their format.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace sparkify {

struct ObjectInfo {
  std::string key;  // stable name, e.g. "log_data/2018/11/2018-11-01-events.json" or "s3://b/k"
  std::uint64_t size = 0;
  std::string version;  // changes when the content changes: mtime+size locally, ETag on S3
};

// The objects of a source in a stable (lexicographic by key) order, a page at a
// time: a listing of a million objects is never in memory at once.
class ObjectListing {
 public:
  virtual ~ObjectListing() = default;
  // The next objects in key order; empty once every object has been returned.
  // Throws SourceError when the source cannot be listed.
  virtual std::vector<ObjectInfo> next_page() = 0;
};

// One object's bytes, read in order a piece at a time.
class ObjectStream {
 public:
  virtual ~ObjectStream() = default;
  // Appends up to max_bytes of the object's next bytes to out; returns how many
  // were appended, 0 at the end. Throws SourceError when the bytes cannot be read.
  virtual std::size_t read_some(std::string& out, std::size_t max_bytes) = 0;
};

class Source {
 public:
  virtual ~Source() = default;
  // Every object under the source, in key order, skipping hidden files and folders.
  // Keys greater than start_after only, when given.
  virtual std::unique_ptr<ObjectListing> open_listing(const std::string& start_after = {}) = 0;
  // The whole listing at once, for small sources and tests.
  std::vector<ObjectInfo> list(const std::string& start_after = {});
  // The whole content of one listed object. Throws SourceError when it cannot be read.
  // Safe to call from several threads at once.
  virtual std::string read(const ObjectInfo& object) = 0;
  // One listed object's bytes, a piece at a time. By default the whole object is read
  // here (read()) and handed out in pieces; a source that can read a piece at a time
  // without holding the whole object overrides it (a file; S3 by ranges). Throws
  // SourceError when the object cannot be opened.
  virtual std::unique_ptr<ObjectStream> open_stream(const ObjectInfo& object);
  // A human-readable description for messages ("folder data/sample/log_data").
  virtual std::string describe() const = 0;
  // How many read() calls the source serves well at once (network sources
  // hide latency with many requests in flight); 0 when it has no preference.
  virtual std::size_t read_concurrency() const { return 0; }
};

// An object could not be listed or read (missing, denied, network failure after retries).
class SourceError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace sparkify
