// A hand check for the synthetic data generator, kept out of the product:
//
//   sparkify_generate_check gen --songs N --events M --out DIR [--seed S] [--match-share F]
//       generates a data set and prints its summary and the wall time;
//   sparkify_generate_check mix DIR [DIR...]
//       prints the page mix (share of events per page, and logged-out share)
//       of each folder's log_data side by side, e.g. the real sample and a
//       generated set.
#include <simdjson.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "generate/generator.hpp"

namespace {

struct Mix {
  std::map<std::string, std::uint64_t> pages;
  std::uint64_t events = 0;
  std::uint64_t logged_out = 0;
};

Mix page_mix(const std::filesystem::path& root) {
  Mix mix;
  simdjson::ondemand::parser parser;
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(root / "log_data")) {
    if (entry.is_regular_file() && entry.path().extension() == ".json" &&
        entry.path().string().find("/.") == std::string::npos) {
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  for (const auto& file : files) {
    const simdjson::padded_string text = simdjson::padded_string::load(file.string());
    simdjson::ondemand::document_stream stream = parser.iterate_many(text);
    for (auto document : stream) {
      std::string_view page = document["page"].get_string();
      mix.pages[std::string{page}] += 1;
      std::string_view auth = document["auth"].get_string();
      mix.logged_out += auth == "Logged Out" ? 1 : 0;
      mix.events += 1;
    }
  }
  return mix;
}

void print_summary(const sparkify::GenerateSummary& s, double seconds) {
  std::printf(
      "songs %llu, artists %llu, events %llu, NextSong %llu, logged out %llu, users %llu,\n"
      "level changes %llu, matching plays %llu, near misses %llu,\n"
      "files %llu, bytes %llu, wall %.3f s\n",
      static_cast<unsigned long long>(s.songs), static_cast<unsigned long long>(s.artists),
      static_cast<unsigned long long>(s.events),
      static_cast<unsigned long long>(s.next_song_events),
      static_cast<unsigned long long>(s.logged_out_events),
      static_cast<unsigned long long>(s.distinct_users),
      static_cast<unsigned long long>(s.level_changes),
      static_cast<unsigned long long>(s.matching_plays),
      static_cast<unsigned long long>(s.near_misses),
      static_cast<unsigned long long>(s.files_written),
      static_cast<unsigned long long>(s.bytes_written), seconds);
}

// The page mix of each folder side by side, the most frequent pages first.
void print_mixes(const std::vector<std::string>& folders) {
  std::vector<Mix> mixes;
  std::map<std::string, std::uint64_t> order;
  for (const auto& folder : folders) {
    mixes.push_back(page_mix(folder));
    for (const auto& [page, count] : mixes.back().pages) {
      order[page] = std::max(order[page], count);
    }
  }
  std::vector<std::pair<std::uint64_t, std::string>> rows;
  for (const auto& [page, count] : order) {
    rows.emplace_back(count, page);
  }
  std::sort(rows.rbegin(), rows.rend());
  std::printf("%-18s", "page");
  for (std::size_t i = 0; i < folders.size(); ++i) {
    std::printf("  %14s", ("[" + std::to_string(i + 1) + "]").c_str());
  }
  std::printf("\n");
  auto share = [](std::uint64_t part, std::uint64_t whole) {
    return whole == 0 ? 0.0 : 100.0 * static_cast<double>(part) / static_cast<double>(whole);
  };
  for (const auto& [unused, page] : rows) {
    std::printf("%-18s", page.c_str());
    for (const auto& m : mixes) {
      const auto it = m.pages.find(page);
      std::printf("  %13.3f%%", share(it == m.pages.end() ? 0 : it->second, m.events));
    }
    std::printf("\n");
  }
  std::printf("%-18s", "(logged out)");
  for (const auto& m : mixes) {
    std::printf("  %13.3f%%", share(m.logged_out, m.events));
  }
  std::printf("\n%-18s", "(events)");
  for (const auto& m : mixes) {
    std::printf("  %14llu", static_cast<unsigned long long>(m.events));
  }
  std::printf("\n");
  for (std::size_t i = 0; i < folders.size(); ++i) {
    std::printf("[%zu] %s\n", i + 1, folders[i].c_str());
  }
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Hand checks for the synthetic data generator"};
  app.require_subcommand(1);
  sparkify::GeneratorOptions options;
  std::string out;
  auto* gen = app.add_subcommand("gen", "generate a data set and time it");
  gen->add_option("--songs", options.songs)->required();
  gen->add_option("--events", options.events)->required();
  gen->add_option("--out", out)->required();
  gen->add_option("--seed", options.seed);
  gen->add_option("--match-share", options.match_share);
  gen->add_option("--near-miss-share", options.near_miss_share);
  gen->add_option("--users", options.users);
  std::vector<std::string> folders;
  auto* mix = app.add_subcommand("mix", "page mix of data sets, side by side");
  mix->add_option("folders", folders)->required();
  CLI11_PARSE(app, argc, argv);

  try {
    if (gen->parsed()) {
      const auto start = std::chrono::steady_clock::now();
      const sparkify::GenerateSummary s = sparkify::generate_dataset(options, out);
      const std::chrono::duration<double> seconds = std::chrono::steady_clock::now() - start;
      print_summary(s, seconds.count());
      return 0;
    }
    print_mixes(folders);
  } catch (const std::exception& error) {
    std::fprintf(stderr, "error: %s\n", error.what());
    return 1;
  }
  return 0;
}
