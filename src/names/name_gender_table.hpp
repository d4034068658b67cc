// The name-to-gender table built from the SSA baby-names data: for each
// lower-cased name, the sex given to most babies of that name over all years,
// its share of them, and the total; only names whose answer is clear enough.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "names/name_counts.hpp"
#include "names/names_error.hpp"

namespace sparkify::names {

// Default share the leading sex must reach for a name to get an answer.
//
// 0.9 means "at least nine in ten babies given this name were of that sex". It
// keeps clearly gendered names (Mary 0.996, John 0.996, Sean 0.993, Jayden 0.918)
// and leaves the genuinely mixed ones unknown (Jordan 0.746 M, Avery 0.712 F,
// Hayden 0.774 M), where a guess would be wrong for a quarter of the people or
// more. Lower thresholds (0.8) add few names and mostly wrong guesses; 0.95 drops
// common names like Jayden. On the sample's 97 users, 0.9 resolves 89 and agrees
// with the event's own gender for 85 of them. See docs/gender.md.
inline constexpr double kDefaultThreshold = 0.9;

// Default minimum number of babies (both sexes, all years) for a name to be kept.
//
// The SSA files omit every (name, sex, year) with fewer than 5 babies, so for a
// rare name the minority sex is mostly invisible and its share is overstated. 500
// babies over the ~145 years of data is where that suppression stops dominating
// (it also keeps the generated file at about a third of a megabyte instead of two
// megabytes). Every first name of the sample has a total far above it.
inline constexpr std::int64_t kDefaultMinTotal = 500;

struct NameGenderRow {
  std::string name;        // lower-cased
  char gender = 'F';       // 'F' or 'M', as the event logs spell it
  double share = 0;        // count / total, in (0.5, 1]
  std::int64_t count = 0;  // babies of that sex
  std::int64_t total = 0;  // babies of either sex
};

// Decides one name: nullopt on an exact tie, when the leading sex's share is
// below `threshold`, or when the total is below `min_total`.
std::optional<NameGenderRow> decide_name(const std::string& name, const SexTotals& totals,
                                         double threshold, std::int64_t min_total);

struct NamesBuildResult {
  std::vector<NameGenderRow> rows;       // sorted by name
  std::vector<NamesFormatError> issues;  // malformed lines, skipped
  std::size_t files = 0;                 // yearly files read
  std::size_t lines = 0;                 // lines counted
  std::size_t names = 0;                 // distinct names in the data
  std::size_t below_min_total = 0;       // names dropped as too rare
  std::size_t ambiguous = 0;             // names dropped as tied or below the threshold
};

// Selects and sorts the rows of the table from accumulated counts.
NamesBuildResult select_names(const NameCounter& counter, double threshold, std::int64_t min_total);

// Reads a names.zip (any archive libarchive reads) or a folder of yob*.txt and
// builds the table. Malformed lines are reported in `issues` and skipped. Throws
// std::invalid_argument when threshold is outside [0.5, 1] or min_total < 0, and
// std::runtime_error when the data cannot be read.
NamesBuildResult build_name_gender_table(const std::filesystem::path& path,
                                         double threshold = kDefaultThreshold,
                                         std::int64_t min_total = kDefaultMinTotal);

// The table as CSV: header "name,gender,share,total", LF line ends, the share
// rounded down to three decimals (so it never shows above the true share).
std::string name_gender_csv(const std::vector<NameGenderRow>& rows);

// Writes the CSV to `out` through a temporary file renamed into place, so a
// failed write never leaves a half-written table. Throws std::runtime_error.
void write_name_gender_csv(const std::vector<NameGenderRow>& rows,
                           const std::filesystem::path& out);

}  // namespace sparkify::names
