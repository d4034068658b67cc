#include "cli/command_suggestion.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <numeric>

namespace sparkify {

std::size_t edit_distance(std::string_view a, std::string_view b) {
  // Optimal string alignment: three rows of the dynamic-programming table.
  std::vector<std::size_t> before(b.size() + 1);
  std::vector<std::size_t> previous(b.size() + 1);
  std::vector<std::size_t> current(b.size() + 1);
  std::iota(previous.begin(), previous.end(), 0);
  for (std::size_t i = 1; i <= a.size(); ++i) {
    current[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t replace = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, replace});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        current[j] = std::min(current[j], before[j - 2] + 1);
    }
    std::swap(before, previous);
    std::swap(previous, current);
  }
  return previous[b.size()];
}

namespace {

// The command of `app` closest to `word`, when it is close enough to be a typo.
std::optional<std::string> closest_command(const CLI::App& app, const std::string& word) {
  std::optional<std::string> best;
  std::size_t best_distance = std::max<std::size_t>(2, word.size() / 3) + 1;
  for (const CLI::App* command : app.get_subcommands({})) {
    const std::string& name = command->get_name();
    const std::size_t distance = name.starts_with(word) ? 1 : edit_distance(word, name);
    if (distance < best_distance) {
      best_distance = distance;
      best = name;
    }
  }
  return best;
}

}  // namespace

std::optional<std::string> unknown_command(const CLI::App& app,
                                           const std::vector<std::string>& args) {
  const CLI::App* at = &app;
  std::string path;  // the commands named so far, "names " for `names build`
  for (const std::string& word : args) {
    if (word.empty() || word.starts_with('-') || at->get_require_subcommand_min() == 0)
      return std::nullopt;
    const auto commands = at->get_subcommands({});
    const auto named = std::find_if(commands.begin(), commands.end(),
                                    [&](const CLI::App* c) { return c->get_name() == word; });
    if (named == commands.end()) {
      std::string message = fmt::format("unknown command '{}{}'", path, word);
      if (const auto near = closest_command(*at, word))
        message += fmt::format("; did you mean '{}{}'?", path, *near);
      return message;
    }
    path += word + " ";
    at = *named;
  }
  return std::nullopt;
}

}  // namespace sparkify
