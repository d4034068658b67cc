#include "source/source.hpp"

#include <algorithm>
#include <iterator>
#include <utility>

namespace sparkify {

std::vector<ObjectInfo> Source::list(const std::string& start_after) {
  std::vector<ObjectInfo> out;
  const auto listing = open_listing(start_after);
  for (auto page = listing->next_page(); !page.empty(); page = listing->next_page()) {
    std::move(page.begin(), page.end(), std::back_inserter(out));
  }
  return out;
}

namespace {

// An object already read whole, handed out in pieces.
class WholeObjectStream final : public ObjectStream {
 public:
  explicit WholeObjectStream(std::string content) : content_(std::move(content)) {}

  std::size_t read_some(std::string& out, std::size_t max_bytes) override {
    const std::size_t n = std::min(max_bytes, content_.size() - next_);
    out.append(content_, next_, n);
    next_ += n;
    return n;
  }

 private:
  std::string content_;
  std::size_t next_ = 0;  // the first byte not handed out yet
};

}  // namespace

std::unique_ptr<ObjectStream> Source::open_stream(const ObjectInfo& object) {
  return std::make_unique<WholeObjectStream>(read(object));
}

}  // namespace sparkify
