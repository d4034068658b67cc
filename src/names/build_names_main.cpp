// sparkify-build-names: regenerates data/names/name_gender.csv from the SSA
// data. A stand-in until `sparkify names build` is wired into the main CLI;
// both call build_name_gender_table().
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <exception>

#include "names/name_gender_table.hpp"

int main(int argc, char** argv) {
  CLI::App app{"Build the name-to-gender table from the SSA baby-names data"};
  std::string names;
  std::string out;
  double threshold = sparkify::names::kDefaultThreshold;
  std::int64_t min_total = sparkify::names::kDefaultMinTotal;
  app.add_option("--names", names, "names.zip or a folder of yobYYYY.txt")->required();
  app.add_option("--out", out, "the CSV to write")->required();
  app.add_option("--threshold", threshold, "share the leading sex must reach")
      ->capture_default_str();
  app.add_option("--min-total", min_total, "babies a name needs to be kept")->capture_default_str();
  CLI11_PARSE(app, argc, argv);
  try {
    const auto result = sparkify::names::build_name_gender_table(names, threshold, min_total);
    for (const auto& issue : result.issues)
      fmt::print(stderr, "skipped: {}\n", issue.what());
    sparkify::names::write_name_gender_csv(result.rows, out);
    fmt::print(stderr,
               "{} files, {} lines, {} names: {} kept, {} ambiguous (share < {} or tie), {} with "
               "fewer than {} babies, {} malformed lines skipped -> {}\n",
               result.files, result.lines, result.names, result.rows.size(), result.ambiguous,
               threshold, result.below_min_total, min_total, result.issues.size(), out);
  } catch (const std::exception& e) {
    fmt::print(stderr, "error: {}\n", e.what());
    return 1;
  }
  return 0;
}
