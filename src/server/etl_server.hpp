// The streaming ETL server: an HTTP ingest endpoint and a poller feed one
// warehouse writer through a bounded queue; the writer stages each group of
// requests in one transaction (a 2xx answer means committed), loads new
// objects, and moves staged rows into the star schema in micro-batches.
#pragma once

#include <httplib.h>

#include <atomic>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "core/console.hpp"
#include "pipeline/ingest.hpp"
#include "server/metrics.hpp"
#include "server/server_options.hpp"
#include "server/write_queue.hpp"
#include "warehouse/warehouse.hpp"

namespace sparkify {

// The server cannot listen where it was told (the port is in use, the address is not
// this machine's).
class ListenError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

using WarehouseFactory = std::function<std::unique_ptr<Warehouse>()>;

class EtlServer {
 public:
  EtlServer(ServerOptions options, WarehouseFactory open_warehouse, const Console& console);
  ~EtlServer();
  EtlServer(const EtlServer&) = delete;
  EtlServer& operator=(const EtlServer&) = delete;

  // Binds the listening socket; throws when the address is taken. Returns the port.
  int bind();
  // Serves until stop(): then stops accepting, lets the writer finish what was
  // accepted and the current micro-batch, and returns.
  void run();
  // Safe from any thread, more than once.
  void stop();

  const Metrics& metrics() const { return metrics_; }

 private:
  struct IngestOutcome {
    std::int64_t batch_id = 0;
    StagingCounts counts;
  };
  struct IngestJob {
    IngestRequest request;
    std::promise<IngestOutcome> done;
  };
  using JobPtr = std::shared_ptr<IngestJob>;

  void install_routes();
  // The request's body, or nothing after answering 413 (past max_body_bytes) or 400.
  std::optional<std::string> read_body(const httplib::Request& req, httplib::Response& res,
                                       const httplib::ContentReader& read) const;
  void handle_health(httplib::Response& res);
  void handle_status(httplib::Response& res);
  void handle_ingest(const httplib::Request& request, const std::string& body,
                     httplib::Response& response, bool songs);
  bool authorized(const httplib::Request& request) const;
  void writer_loop();
  void stage_jobs(Warehouse& warehouse, std::vector<JobPtr>& jobs);
  void poll_sources(Warehouse& warehouse);
  void transform_if_due(Warehouse& warehouse, bool force);
  // After a commit that put every waiting row into the star schema: each
  // acknowledged row's delay goes into the staging-to-star histogram.
  void record_freshness();
  Warehouse* reader();

  ServerOptions options_;
  WarehouseFactory open_warehouse_;
  const Console& console_;
  Metrics metrics_;
  httplib::Server http_;
  WriteQueue<JobPtr> queue_;
  std::atomic<bool> stopping_{false};
  std::atomic<std::uint64_t> request_sequence_{0};
  std::thread writer_;
  // The writer's own record of what waits for the star schema.
  std::int64_t waiting_rows_ = 0;
  std::chrono::steady_clock::time_point oldest_waiting_{};
  // When each ingest commit was acknowledged, and the rows it staged, until a
  // transform takes them (rows left by a previous run are not in it).
  std::vector<std::pair<std::chrono::steady_clock::time_point, std::int64_t>> acked_waiting_;
  // A separate connection for /health and /v1/status.
  std::mutex reader_mutex_;
  std::unique_ptr<Warehouse> reader_;
};

}  // namespace sparkify
