// An error in names data (the SSA yearly files or the generated table), naming
// the file and the 1-based line it was found on.
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>

namespace sparkify::names {

class NamesFormatError : public std::runtime_error {
 public:
  NamesFormatError(std::string file, std::size_t line, std::string reason);

  const std::string& file() const { return file_; }
  std::size_t line() const { return line_; }
  const std::string& reason() const { return reason_; }

 private:
  std::string file_;
  std::size_t line_;
  std::string reason_;
};

}  // namespace sparkify::names
