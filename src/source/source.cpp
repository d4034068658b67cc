#include "source/source.hpp"

#include <iterator>

namespace sparkify {

std::vector<ObjectInfo> Source::list(const std::string& start_after) {
  std::vector<ObjectInfo> out;
  const auto listing = open_listing(start_after);
  for (auto page = listing->next_page(); !page.empty(); page = listing->next_page()) {
    std::move(page.begin(), page.end(), std::back_inserter(out));
  }
  return out;
}

}  // namespace sparkify
