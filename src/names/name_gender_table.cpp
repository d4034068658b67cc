#include "names/name_gender_table.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <fstream>
#include <stdexcept>
#include <system_error>

#include "names/names_source.hpp"

namespace sparkify::names {

std::optional<NameGenderRow> decide_name(const std::string& name, const SexTotals& totals,
                                         double threshold, std::int64_t min_total) {
  const std::int64_t total = totals.total();
  if (total <= 0 || total < min_total || totals.female == totals.male)
    return std::nullopt;
  const bool female = totals.female > totals.male;
  const std::int64_t leading = female ? totals.female : totals.male;
  const double share = static_cast<double>(leading) / static_cast<double>(total);
  if (share < threshold)
    return std::nullopt;
  return NameGenderRow{name, female ? 'F' : 'M', share, leading, total};
}

NamesBuildResult select_names(const NameCounter& counter, double threshold,
                              std::int64_t min_total) {
  if (!(threshold >= 0.5 && threshold <= 1.0)) {
    throw std::invalid_argument(fmt::format("threshold must be in [0.5, 1], not {}", threshold));
  }
  if (min_total < 0)
    throw std::invalid_argument("min_total must not be negative");
  NamesBuildResult result;
  result.names = counter.totals().size();
  for (const auto& [name, totals] : counter.totals()) {
    if (totals.total() < min_total) {
      ++result.below_min_total;
    } else if (auto row = decide_name(name, totals, threshold, min_total)) {
      result.rows.push_back(std::move(*row));
    } else {
      ++result.ambiguous;
    }
  }
  std::sort(result.rows.begin(), result.rows.end(),
            [](const NameGenderRow& a, const NameGenderRow& b) { return a.name < b.name; });
  return result;
}

NamesBuildResult build_name_gender_table(const std::filesystem::path& path, double threshold,
                                         std::int64_t min_total) {
  // Validate the options before reading megabytes of data.
  (void)select_names(NameCounter{}, threshold, min_total);
  NameCounter counter;
  std::vector<NamesFormatError> issues;
  std::size_t lines = 0;
  const std::size_t files =
      for_each_yob_file(path, [&](const std::string& name, std::string_view text) {
        lines += counter.add_file(name, text, issues);
      });
  NamesBuildResult result = select_names(counter, threshold, min_total);
  result.issues = std::move(issues);
  result.files = files;
  result.lines = lines;
  return result;
}

std::string name_gender_csv(const std::vector<NameGenderRow>& rows) {
  std::string out = "name,gender,share,total\n";
  out.reserve(rows.size() * 24);
  for (const auto& row : rows) {
    // Rounded down from the integer ratio, so 0.8996 never prints as 0.900.
    const std::int64_t permille = row.total > 0 ? row.count * 1000 / row.total : 0;
    fmt::format_to(std::back_inserter(out), "{},{},{}.{:03},{}\n", row.name, row.gender,
                   permille / 1000, permille % 1000, row.total);
  }
  return out;
}

void write_name_gender_csv(const std::vector<NameGenderRow>& rows,
                           const std::filesystem::path& out) {
  const std::string text = name_gender_csv(rows);
  std::filesystem::path tmp = out;
  tmp += ".tmp";
  {
    std::ofstream file(tmp, std::ios::binary | std::ios::trunc);
    if (!file)
      throw std::runtime_error(fmt::format("cannot write {}", tmp.string()));
    file.write(text.data(), static_cast<std::streamsize>(text.size()));
    file.close();
    if (!file)
      throw std::runtime_error(fmt::format("cannot write {}", tmp.string()));
  }
  std::error_code ec;
  std::filesystem::rename(tmp, out, ec);
  if (ec) {
    std::filesystem::remove(tmp, ec);
    throw std::runtime_error(fmt::format("cannot write {}", out.string()));
  }
}

}  // namespace sparkify::names
