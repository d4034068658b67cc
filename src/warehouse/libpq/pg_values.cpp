#include "warehouse/libpq/pg_values.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <limits>

#include "warehouse/warehouse.hpp"

namespace sparkify::pg {
namespace {

double parse_double(std::string_view text) {
  // PostgreSQL prints the specials this way; from_chars spells them differently.
  if (text == "NaN")
    return std::numeric_limits<double>::quiet_NaN();
  if (text == "Infinity")
    return std::numeric_limits<double>::infinity();
  if (text == "-Infinity")
    return -std::numeric_limits<double>::infinity();
  double out = 0;
  const auto* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, out);
  if (ec == std::errc::result_out_of_range) {
    // numeric can exceed double's range; fall back to the nearest representable value.
    return text.starts_with('-') ? -std::numeric_limits<double>::infinity()
                                 : std::numeric_limits<double>::infinity();
  }
  if (ec != std::errc{} || ptr != end) {
    throw WarehouseError(fmt::format("postgresql: cannot read '{}' as a number", text));
  }
  return out;
}

std::int64_t parse_int(std::string_view text) {
  std::int64_t out = 0;
  const auto* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, out);
  if (ec != std::errc{} || ptr != end) {
    throw WarehouseError(fmt::format("postgresql: cannot read '{}' as an integer", text));
  }
  return out;
}

}  // namespace

std::string double_to_text(double d) {
  if (std::isnan(d))
    return "NaN";
  if (std::isinf(d))
    return d > 0 ? "Infinity" : "-Infinity";
  return fmt::format("{}", d);
}

std::optional<std::string> to_param_text(const Value& v) {
  struct Visitor {
    std::optional<std::string> operator()(std::monostate) const { return std::nullopt; }
    std::optional<std::string> operator()(std::int64_t i) const { return std::to_string(i); }
    std::optional<std::string> operator()(double d) const { return double_to_text(d); }
    std::optional<std::string> operator()(const std::string& s) const {
      if (s.find('\0') != std::string::npos) {
        throw WarehouseError(
            "postgresql: a text parameter contains a NUL byte, which PostgreSQL cannot store");
      }
      return s;
    }
  };
  return std::visit(Visitor{}, v);
}

std::string canonical_time_text(std::string_view text) {
  // "YYYY-MM-DD HH:MM:SS" then optional ".f{1,6}" then optional "+00" / "+00:00".
  constexpr std::size_t kSeconds = 19;
  if (text.size() < kSeconds || text[4] != '-' || text[10] != ' ' || text[16] != ':') {
    return std::string(text);
  }
  std::string out(text.substr(0, kSeconds));
  auto rest = text.substr(kSeconds);
  std::string fraction;
  if (rest.starts_with('.')) {
    std::size_t n = 1;
    while (n < rest.size() && rest[n] >= '0' && rest[n] <= '9')
      ++n;
    fraction = std::string(rest.substr(1, n - 1));
    rest.remove_prefix(n);
  }
  if (!rest.empty() && rest != "+00" && rest != "+00:00")
    return std::string(text);
  if (fraction.size() > 6)
    return std::string(text);
  fraction.resize(fraction.size() <= 3 ? 3 : 6, '0');
  out += '.';
  out += fraction;
  return out;
}

Value from_result_text(Oid type, std::string_view text) {
  switch (type) {
    case oid::kInt2:
    case oid::kInt4:
    case oid::kInt8:
    case oid::kOid:
      return parse_int(text);
    case oid::kFloat4:
    case oid::kFloat8:
    case oid::kNumeric:
      return parse_double(text);
    case oid::kTimestamp:
    case oid::kTimestamptz:
      return canonical_time_text(text);
    case oid::kBool:
      return std::int64_t{text == "t" ? 1 : 0};
    default:
      return std::string(text);
  }
}

}  // namespace sparkify::pg
