#include "server/etl_server.hpp"

#include <gtest/gtest.h>
#include <httplib.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <mutex>
#include <thread>
#include <vector>

#include "warehouse/sqlite/sqlite_warehouse.hpp"

namespace sparkify {
namespace {

namespace fs = std::filesystem;

// Staging and transforms write; /health and /v1/status read on one connection opened for
// reading, which on SQLite keeps no writer's page cache in the server's memory.
TEST(EtlServer, HealthAndStatusReadOnAConnectionOpenedForReading) {
  const fs::path dir =
      fs::temp_directory_path() / ("sparkify-etl-server-" + std::to_string(getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  const fs::path file = dir / "w.db";
  SqliteWarehouse(file).migrate();

  std::mutex mutex;
  std::vector<ConnectionUse> uses;
  const auto open = [&](ConnectionUse use) {
    {
      const std::lock_guard lock(mutex);
      uses.push_back(use);
    }
    SqliteOptions options;
    options.read_only = use == ConnectionUse::read;
    return std::make_unique<SqliteWarehouse>(file, options);
  };
  ServerOptions options;
  options.port = 0;
  const Console console(Verbosity::quiet);
  {
    EtlServer server(options, open, console);
    const int port = server.bind();
    std::thread runner([&server] { server.run(); });
    httplib::Client client("127.0.0.1", port);
    for (const char* path : {"/v1/status", "/health", "/v1/status"}) {
      const auto res = client.Get(path);
      EXPECT_TRUE(res && res->status == 200) << path;
    }
    server.stop();
    runner.join();
  }
  const auto used = [&uses](ConnectionUse use) { return std::ranges::count(uses, use); };
  EXPECT_EQ(used(ConnectionUse::read), 1);   // one reader, kept between requests
  EXPECT_EQ(used(ConnectionUse::write), 2);  // the staging and the transform thread
  fs::remove_all(dir);
}

}  // namespace
}  // namespace sparkify
