// The parse floor for bench/run.sh: lists and reads every object of a song
// folder and an event folder with the product's source, and parses it with the
// product's parsers (simdjson DOM, typed fields, event ids, time parts) on every
// core, with nothing downstream. Prints "objects records rejects bytes seconds".
//
//   sparkify-parse-floor SONG_DIR EVENT_DIR [--read-only]
//
// --read-only stops after reading (the read floor through the product's source).
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <thread>
#include <vector>

#include "parse/event_parser.hpp"
#include "parse/song_parser.hpp"
#include "source/local_folder_source.hpp"

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: %s SONG_DIR EVENT_DIR [--read-only]\n", argv[0]);
    return 2;
  }
  const bool read_only = argc > 3 && std::strcmp(argv[3], "--read-only") == 0;
  const auto started = std::chrono::steady_clock::now();
  sparkify::LocalFolderSource songs(argv[1]);
  sparkify::LocalFolderSource events(argv[2]);
  struct Item {
    sparkify::Source* source;
    sparkify::ObjectInfo object;
    bool song;
  };
  std::vector<Item> items;
  for (auto& o : songs.list())
    items.push_back({&songs, std::move(o), true});
  for (auto& o : events.list())
    items.push_back({&events, std::move(o), false});

  std::atomic<std::size_t> next{0};
  std::atomic<std::uint64_t> records{0}, rejects{0}, bytes{0};
  const unsigned jobs = std::max(1U, std::thread::hardware_concurrency());
  std::vector<std::thread> threads;
  for (unsigned t = 0; t < jobs; ++t) {
    threads.emplace_back([&] {
      sparkify::SongParser song_parser;
      sparkify::EventLogParser event_parser;
      std::uint64_t my_records = 0, my_rejects = 0, my_bytes = 0;
      for (std::size_t i = next++; i < items.size(); i = next++) {
        const std::string content = items[i].source->read(items[i].object);
        my_bytes += content.size();
        if (read_only)
          continue;
        if (items[i].song) {
          auto parsed = song_parser.parse(content, items[i].object.key);
          my_records += parsed.records.size();
          my_rejects += parsed.rejects.size();
        } else {
          auto parsed = event_parser.parse(content, items[i].object.key);
          my_records += parsed.records.size();
          my_rejects += parsed.rejects.size();
        }
      }
      records += my_records;
      rejects += my_rejects;
      bytes += my_bytes;
    });
  }
  for (auto& t : threads)
    t.join();
  const std::chrono::duration<double> took = std::chrono::steady_clock::now() - started;
  std::printf("%zu %llu %llu %llu %.3f\n", items.size(),
              static_cast<unsigned long long>(records.load()),
              static_cast<unsigned long long>(rejects.load()),
              static_cast<unsigned long long>(bytes.load()), took.count());
  return 0;
}
