// What the command line prints, and where: results on stdout, messages on
// stderr, chatter only with --verbose, nothing but errors with --quiet.
#pragma once

#include <fmt/format.h>

#include <cstdio>
#include <string_view>

namespace sparkify {

enum class Verbosity { quiet, normal, verbose };

class Console {
 public:
  explicit Console(Verbosity verbosity = Verbosity::normal) : verbosity_(verbosity) {}

  Verbosity verbosity() const { return verbosity_; }
  void set_verbosity(Verbosity v) { verbosity_ = v; }

  // A result line (stdout), suppressed by --quiet.
  template <typename... Args>
  void out(fmt::format_string<Args...> format, Args&&... args) const {
    if (verbosity_ == Verbosity::quiet)
      return;
    fmt::print(stdout, format, std::forward<Args>(args)...);
    std::fputc('\n', stdout);
    std::fflush(stdout);  // a server's log lines must not wait in a buffer
  }
  // Details for --verbose (stderr).
  template <typename... Args>
  void detail(fmt::format_string<Args...> format, Args&&... args) const {
    if (verbosity_ != Verbosity::verbose)
      return;
    fmt::print(stderr, format, std::forward<Args>(args)...);
    std::fputc('\n', stderr);
  }
  // A warning (stderr), suppressed by --quiet.
  template <typename... Args>
  void warn(fmt::format_string<Args...> format, Args&&... args) const {
    if (verbosity_ == Verbosity::quiet)
      return;
    fmt::print(stderr, "warning: ");
    fmt::print(stderr, format, std::forward<Args>(args)...);
    std::fputc('\n', stderr);
  }
  // An error (stderr), always shown.
  template <typename... Args>
  void error(fmt::format_string<Args...> format, Args&&... args) const {
    fmt::print(stderr, "sparkify: error: ");
    fmt::print(stderr, format, std::forward<Args>(args)...);
    std::fputc('\n', stderr);
  }

 private:
  Verbosity verbosity_;
};

}  // namespace sparkify
