#include "cli/number_checks.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cmath>

namespace sparkify {

CLI::Validator whole_number(std::int64_t min, std::int64_t max) {
  const std::string expected = fmt::format("a whole number from {} to {}", min, max);
  return CLI::Validator(
      [=](std::string& text) -> std::string {
        std::int64_t value = 0;
        const char* end = text.data() + text.size();
        const auto [stop, error] = std::from_chars(text.data(), end, value);
        if (error != std::errc() || stop != end || value < min || value > max)
          return fmt::format("expected {}, got '{}'", expected, text);
        return {};
      },
      fmt::format("{} to {}", min, max), "whole_number");
}

CLI::Validator decimal_number(double min, double max) {
  const std::string expected = fmt::format("a number from {} to {}", min, max);
  return CLI::Validator(
      [=](std::string& text) -> std::string {
        double value = 0;
        const char* end = text.data() + text.size();
        const auto [stop, error] = std::from_chars(text.data(), end, value);
        if (error != std::errc() || stop != end || !std::isfinite(value) || value < min ||
            value > max)
          return fmt::format("expected {}, got '{}'", expected, text);
        return {};
      },
      fmt::format("{} to {}", min, max), "decimal_number");
}

}  // namespace sparkify
