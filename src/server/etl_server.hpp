// The streaming ETL server. HTTP ingest requests go through a bounded queue to the
// staging thread, which stages each group of them in one transaction (a 2xx answer
// means committed). The transform thread, on a connection of its own, loads new
// objects from the polled sources and moves staged rows into the star schema in
// micro-batches. Where the engine isolates the two (PostgreSQL), an acknowledgement
// never waits for a transform; elsewhere (SQLite) they take turns.
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
#include "pipeline/planner_statistics.hpp"
#include "server/fifo_mutex.hpp"
#include "server/metrics.hpp"
#include "server/server_options.hpp"
#include "server/staged_backlog.hpp"
#include "server/write_queue.hpp"
#include "warehouse/warehouse.hpp"

namespace sparkify {

// The server cannot listen where it was told (the port is in use, the address is not
// this machine's).
class ListenError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// What a connection of the server is for: staging and transforms write; /health and
// /v1/status read, on a connection opened read-only (on SQLite: the file mapped, so
// counting every table keeps no writer's page cache in the server's memory).
enum class ConnectionUse { write, read };
using WarehouseFactory = std::function<std::unique_ptr<Warehouse>(ConnectionUse)>;

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
  // The staging thread: answers ingest requests until the queue closes.
  void staging_loop();
  // The transform thread: polls the sources and transforms due micro-batches until
  // the staging thread has finished, then transforms what is left.
  void transform_loop();
  void stage_jobs(Warehouse& warehouse, std::vector<JobPtr>& jobs);
  void poll_sources(Warehouse& warehouse);
  void transform_backlog(Warehouse& warehouse);
  // After a commit that put the rows `taken` into the star schema: each acknowledged
  // row's delay goes into the staging-to-star histogram.
  void transformed(const StagedBacklog::Taken& taken);
  // transform()'s result; when it throws, the rows the backlog gave it wait again.
  template <typename Transform>
  auto given_back_on_failure(Transform&& transform);
  void publish_backlog();
  // Held while this thread writes, when the engine takes one writer at a time.
  std::unique_lock<FifoMutex> take_turn(const Warehouse& warehouse);
  // Whether a failure means the connection is lost or the warehouse taken.
  static bool reconnect_after(const std::exception& e);
  Warehouse* reader();

  ServerOptions options_;
  WarehouseFactory open_warehouse_;
  const Console& console_;
  Metrics metrics_;
  httplib::Server http_;
  socket_t listen_socket_ = INVALID_SOCKET;
  WriteQueue<JobPtr> queue_;
  std::atomic<bool> stopping_{false};
  std::atomic<std::uint64_t> request_sequence_{0};
  std::thread writer_;
  std::thread transformer_;
  // What waits for the star schema: the writer adds, the transformer takes.
  StagedBacklog backlog_;
  StatisticsSchedule statistics_;  // the transform thread's
  // Whether the writer holds the warehouse (PostgreSQL: its writer lock); the
  // transformer writes only while it does, so no other loader's batch runs beside it.
  std::atomic<bool> writer_locked_{false};
  // The staging thread's connection after it finished, closed once the transform thread has.
  std::unique_ptr<Warehouse> finished_writer_;
  // SQLite and Redshift: staging commits and transforms take turns, in the order
  // they ask for them.
  FifoMutex turns_;
  // A separate connection for /health and /v1/status.
  std::mutex reader_mutex_;
  std::unique_ptr<Warehouse> reader_;
};

}  // namespace sparkify
