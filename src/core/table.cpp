#include "core/table.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <stdexcept>

namespace sparkify {

std::optional<std::string> to_text(const Value& v) {
  struct Visitor {
    std::optional<std::string> operator()(std::monostate) const { return std::nullopt; }
    std::optional<std::string> operator()(std::int64_t i) const { return std::to_string(i); }
    std::optional<std::string> operator()(double d) const { return fmt::format("{:.15g}", d); }
    std::optional<std::string> operator()(const std::string& s) const { return s; }
  };
  return std::visit(Visitor{}, v);
}

std::int64_t to_int(const Value& v) {
  if (const auto* i = std::get_if<std::int64_t>(&v))
    return *i;
  if (const auto* d = std::get_if<double>(&v)) {
    if (std::isfinite(*d) && std::floor(*d) == *d)
      return static_cast<std::int64_t>(*d);
  }
  if (const auto* s = std::get_if<std::string>(&v)) {
    std::int64_t out = 0;
    const auto* end = s->data() + s->size();
    auto [ptr, ec] = std::from_chars(s->data(), end, out);
    if (ec == std::errc{} && ptr == end)
      return out;
  }
  throw std::runtime_error("value is not an integer");
}

}  // namespace sparkify
