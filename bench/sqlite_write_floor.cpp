// The SQLite write floor for bench/run.sh: the cost of writing a loaded
// warehouse's final rows, nothing else. A new warehouse file gets the product's
// schema (every table, key and index; the product's pragmas and large-batch
// journal), then one transaction copies every staging and star table of the loaded
// warehouse into it with INSERT ... SELECT: no parsing, no transforms, no per-row
// round trips.
// A load can not be faster than this on SQLite with this schema; the facts-only
// figure (the f_songplay rows into a table without keys or indexes) is the
// counterpart of the PostgreSQL COPY floor. Prints "warehouse_s facts_s".
//
//   sparkify-sqlite-write-floor LOADED.db SCRATCH_DIR
#include <chrono>
#include <cstdio>
#include <exception>
#include <filesystem>
#include <string>

#include "warehouse/sqlite/sqlite_warehouse.hpp"

namespace {

// Seconds taken by one transaction that runs statements against a fresh
// warehouse at path with the loaded warehouse attached as "loaded".
template <typename Body>
double timed_copy(const std::filesystem::path& path, const std::string& loaded, Body body) {
  std::filesystem::remove(path);
  sparkify::SqliteWarehouse wh(path);
  wh.migrate();
  wh.execute("ATTACH DATABASE ?1 AS loaded", {loaded});
  // As the product writes a large batch on the bulk path: through a rollback journal
  // (its pages written once, not into the log and again at a checkpoint), the foreign
  // keys checked once at the commit.
  wh.set_batch_write({.large = true, .bulk = true});
  const auto started = std::chrono::steady_clock::now();
  wh.begin();
  body(wh);
  wh.commit();
  const std::chrono::duration<double> took = std::chrono::steady_clock::now() - started;
  wh.set_batch_write({});
  wh.execute("DETACH DATABASE loaded");
  return took.count();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: %s LOADED.db SCRATCH_DIR\n", argv[0]);
    return 2;
  }
  try {
    const std::string loaded = argv[1];
    const std::filesystem::path scratch = argv[2];
    const double warehouse = timed_copy(scratch / "write-floor.db", loaded, [](auto& wh) {
      for (const char* table : {"s_song", "s_songplay_event", "d_artist", "d_song", "d_time",
                                "d_user", "d_user_level", "f_songplay"})
        wh.execute(std::string("INSERT INTO main.") + table + " SELECT * FROM loaded." + table);
    });
    const double facts = timed_copy(scratch / "write-floor.db", loaded, [](auto& wh) {
      wh.execute("CREATE TABLE facts_floor AS SELECT * FROM loaded.f_songplay");
    });
    std::filesystem::remove(scratch / "write-floor.db");
    std::filesystem::remove(scratch / "write-floor.db-wal");
    std::filesystem::remove(scratch / "write-floor.db-shm");
    std::printf("%.3f %.3f\n", warehouse, facts);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "sqlite-write-floor: %s\n", e.what());
    return 1;
  }
  return 0;
}
