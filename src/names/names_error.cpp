#include "names/names_error.hpp"

#include <fmt/format.h>

namespace sparkify::names {

NamesFormatError::NamesFormatError(std::string file, std::size_t line, std::string reason)
    : std::runtime_error(fmt::format("{}:{}: {}", file, line, reason)),
      file_(std::move(file)),
      line_(line),
      reason_(std::move(reason)) {}

}  // namespace sparkify::names
