#include "server/etl_server.hpp"

#include <fmt/format.h>
#include <sys/socket.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <nlohmann/json.hpp>

#include "core/clock.hpp"
#include "parse/event_parser.hpp"
#include "parse/song_parser.hpp"
#include "pipeline/planner_statistics.hpp"
#include "pipeline/transform.hpp"
#include "server/http_routes.hpp"
#include "source/open_source.hpp"

namespace sparkify {
namespace {

using Clock = std::chrono::steady_clock;
using json = nlohmann::json;

void reply_json(httplib::Response& response, int status, const json& body) {
  response.status = status;
  response.set_content(body.dump(), "application/json");
}

// Compares without leaking the position of the first difference through timing.
bool constant_time_equal(std::string_view a, std::string_view b) {
  unsigned char diff = a.size() == b.size() ? 0 : 1;
  for (std::size_t i = 0; i < a.size(); ++i) {
    diff |= static_cast<unsigned char>(a[i] ^ (i < b.size() ? b[i] : 0));
  }
  return diff == 0;
}

double seconds_since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

// SO_REUSEADDR only: a restart binds at once after the previous server's
// connections, but a second server on a port in use fails with EADDRINUSE
// (httplib's default, SO_REUSEPORT, lets both listen and split the requests).
void reuse_address_only(socket_t socket) {
  const int yes = 1;
  ::setsockopt(socket, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
}

// Paths and methods come from one table (server/http_routes): an unknown path is
// 404, a known one with another method 405 with Allow, before any body is read.
httplib::Server::HandlerResponse check_route(const httplib::Request& req, httplib::Response& res) {
  const auto route = find_route(req.path);
  if (!route) {
    reply_json(res, 404, {{"error", fmt::format("no such path; the paths are {}", route_paths())}});
    return httplib::Server::HandlerResponse::Handled;
  }
  if (!route_allows(*route, req.method)) {
    res.set_header("Allow", std::string(route->allow));
    reply_json(
        res, 405,
        {{"error", fmt::format("{} takes {}, not {}", route->path, route->allow, req.method)}});
    return httplib::Server::HandlerResponse::Handled;
  }
  return httplib::Server::HandlerResponse::Unhandled;
}

// Every error has a JSON body, those httplib answers itself (400, 413) included.
httplib::Server::HandlerResponse give_errors_a_json_body(const httplib::Request& /*req*/,
                                                         httplib::Response& res) {
  if (!res.body.empty())
    return httplib::Server::HandlerResponse::Unhandled;
  const std::string error = res.status == 413   ? "the request body is too large"
                            : res.status == 400 ? "the request could not be read"
                                                : fmt::format("HTTP status {}", res.status);
  reply_json(res, res.status, {{"error", error}});
  return httplib::Server::HandlerResponse::Handled;
}

}  // namespace

EtlServer::EtlServer(ServerOptions options, WarehouseFactory open_warehouse, const Console& console)
    : options_(std::move(options)),
      open_warehouse_(std::move(open_warehouse)),
      console_(console),
      queue_(options_.queue_capacity),
      backlog_(options_.batch_rows, options_.batch_delay) {
  http_.set_payload_max_length(options_.max_body_bytes);
  http_.set_socket_options([this](socket_t socket) {
    reuse_address_only(socket);
    listen_socket_ = socket;
  });
  http_.set_read_timeout(30, 0);
  http_.set_write_timeout(30, 0);
  install_routes();
}

EtlServer::~EtlServer() {
  stop();
  queue_.close();
  if (writer_.joinable())
    writer_.join();
  backlog_.finish();
  if (transformer_.joinable())
    transformer_.join();
}

int EtlServer::bind() {
  if (options_.port == 0) {
    const int port = http_.bind_to_any_port(options_.host);
    if (port < 0)
      throw ListenError(fmt::format("cannot listen on {}", options_.host));
    options_.port = port;
  } else if (errno = 0; !http_.bind_to_port(options_.host, options_.port)) {
    const int error = errno;
    throw ListenError(
        fmt::format("cannot listen on {}:{}: {}{}", options_.host, options_.port,
                    error != 0 ? std::strerror(error) : "bind failed",
                    error == EADDRINUSE ? " (is another server running there?)" : ""));
  }
  // httplib listens with a backlog of 5: clients that connect at once past it (8 load
  // clients, or every client reconnecting after a restart) lose their SYN and retry a
  // second later. Listening again on the bound socket sets the system's largest.
  if (listen_socket_ != INVALID_SOCKET)
    ::listen(listen_socket_, SOMAXCONN);
  return options_.port;
}

void EtlServer::run() {
  writer_ = std::thread([this] { staging_loop(); });
  transformer_ = std::thread([this] { transform_loop(); });
  console_.out("sparkify serve: listening on http://{}:{}", options_.host, options_.port);
  if (!stopping_)
    http_.listen_after_bind();
  // No new requests now; let the writer stage what was accepted, and the
  // transformer put it into the star schema.
  queue_.close();
  if (writer_.joinable())
    writer_.join();
  if (transformer_.joinable())
    transformer_.join();
  finished_writer_.reset();
  console_.out("sparkify serve: stopped");
}

void EtlServer::stop() {
  if (stopping_.exchange(true))
    return;
  http_.stop();
}

bool EtlServer::authorized(const httplib::Request& request) const {
  if (options_.token.empty())
    return true;
  const std::string header = request.get_header_value("Authorization");
  constexpr std::string_view kBearer = "Bearer ";
  if (!header.starts_with(kBearer))
    return false;
  return constant_time_equal(std::string_view(header).substr(kBearer.size()), options_.token);
}

void EtlServer::install_routes() {
  http_.set_pre_routing_handler(check_route);
  http_.set_error_handler(httplib::Server::HandlerWithResponse(give_errors_a_json_body));
  // Bodies are read through a content reader, so any Content-Type is taken as
  // JSON lines (curl's default form type would otherwise be parsed as a form).
  for (const bool songs : {false, true}) {
    http_.Post(songs ? "/v1/songs" : "/v1/events",
               [this, songs](const httplib::Request& req, httplib::Response& res,
                             const httplib::ContentReader& read) {
                 if (const auto body = read_body(req, res, read))
                   handle_ingest(req, *body, res, songs);
               });
  }
  http_.Get("/health",
            [this](const httplib::Request&, httplib::Response& res) { handle_health(res); });
  http_.Get("/metrics", [this](const httplib::Request&, httplib::Response& res) {
    res.set_content(metrics_.render(), "text/plain; version=0.0.4");
  });
  http_.Get("/v1/status",
            [this](const httplib::Request&, httplib::Response& res) { handle_status(res); });
  // Counted before the response is written, so a client that has its answer finds it
  // counted in /metrics (httplib's logger runs only after the write).
  http_.set_post_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
    metrics_.count_request(std::string(route_label(req.path)), res.status);
    console_.detail("{} {} -> {}", req.method, req.path, res.status);
  });
}

std::optional<std::string> EtlServer::read_body(const httplib::Request& req, httplib::Response& res,
                                                const httplib::ContentReader& read) const {
  std::string body;
  bool over_limit = false;
  // Never buffers past the limit: httplib checks Content-Length, not the length of a
  // chunked body, so the reading stops here.
  const bool complete = read([&](const char* data, std::size_t size) {
    over_limit = size > options_.max_body_bytes - body.size();
    if (!over_limit)
      body.append(data, size);
    return !over_limit;
  });
  if (complete)
    return body;
  // Past the limit (chunked or declared), or a broken upload.
  const bool too_large = over_limit || std::strtoull(req.get_header_value("Content-Length").c_str(),
                                                     nullptr, 10) > options_.max_body_bytes;
  res.set_header("Connection", "close");
  reply_json(res, too_large ? 413 : 400,
             {{"error", too_large ? "the request body is too large"
                                  : "the request body could not be read"}});
  return std::nullopt;
}

void EtlServer::handle_health(httplib::Response& res) {
  json body{{"status", "ok"}};
  try {
    std::lock_guard lock(reader_mutex_);
    reader()->query("SELECT 1");
    body["warehouse"] = "reachable";
    reply_json(res, 200, body);
  } catch (const std::exception& e) {
    std::lock_guard lock(reader_mutex_);
    reader_.reset();
    body["status"] = "degraded";
    body["warehouse"] = "unreachable";
    body["error"] = e.what();
    reply_json(res, 503, body);
  }
}

void EtlServer::handle_status(httplib::Response& res) {
  json body;
  try {
    std::lock_guard lock(reader_mutex_);
    Warehouse& wh = *reader();
    json tables = json::object();
    for (const auto& row : wh.query(wh.statement("status/table_counts")).rows)
      tables[*to_text(row.at(0))] = to_int(row.at(1));
    body["warehouse"] = wh.describe();
    body["tables"] = tables;
  } catch (const std::exception& e) {
    std::lock_guard lock(reader_mutex_);
    reader_.reset();
    body["error"] = e.what();
  }
  const auto freshness = metrics_.staging_to_star.summary();
  body["staging"] = {{"waiting_rows", metrics_.waiting_rows.load()},
                     {"lag_seconds", metrics_.oldest_waiting_seconds.load()},
                     {"to_star_seconds",
                      {{"rows", freshness.count},
                       {"p50", freshness.p50},
                       {"p99", freshness.p99},
                       {"max", freshness.max}}}};
  body["counters"] = {{"songs_staged", metrics_.songs_staged.load()},
                      {"events_staged", metrics_.events_staged.load()},
                      {"duplicates", metrics_.duplicates.load()},
                      {"rejects", metrics_.rejects.load()},
                      {"songs_processed", metrics_.songs_processed.load()},
                      {"events_processed", metrics_.events_processed.load()},
                      {"objects_loaded", metrics_.objects_loaded.load()},
                      {"batches_failed", metrics_.batches_failed.load()}};
  body["ingest_queue"] = metrics_.queue_depth.load();
  reply_json(res, body.contains("error") ? 503 : 200, body);
}

Warehouse* EtlServer::reader() {
  if (!reader_)
    reader_ = open_warehouse_(ConnectionUse::read);
  return reader_.get();
}

void EtlServer::handle_ingest(const httplib::Request& req, const std::string& body,
                              httplib::Response& res, bool songs) {
  if (!authorized(req)) {
    res.set_header("WWW-Authenticate", "Bearer");
    reply_json(res, 401, {{"error", "a valid bearer token is required"}});
    return;
  }
  if (stopping_) {
    res.set_header("Retry-After", "5");
    reply_json(res, 503, {{"error", "the server is shutting down"}});
    return;
  }
  // Each request is its own source; line numbers are lines of the body.
  const std::string source_key =
      fmt::format("http:{}@{}#{}", req.path, utc_now_text(), ++request_sequence_);
  auto job = std::make_shared<IngestJob>();
  if (songs) {
    auto parsed = SongParser().parse(body, source_key);
    job->request.songs = std::move(parsed.records);
    job->request.rejects = std::move(parsed.rejects);
  } else {
    auto parsed = EventLogParser().parse(body, source_key);
    job->request.events = std::move(parsed.records);
    job->request.rejects = std::move(parsed.rejects);
  }
  const std::size_t records = job->request.songs.size() + job->request.events.size();
  json rejects = json::array();
  for (const auto& r : job->request.rejects) {
    rejects.push_back({{"line", r.line_number}, {"field", r.field}, {"reason", r.reason}});
  }
  auto done = job->done.get_future();
  if (!queue_.try_push(job)) {
    res.set_header("Retry-After", "1");
    reply_json(res, 503, {{"error", "too many requests waiting for the warehouse; retry"}});
    return;
  }
  metrics_.queue_depth = static_cast<std::int64_t>(queue_.size());
  if (done.wait_for(options_.ack_timeout) != std::future_status::ready) {
    // The request may still commit; re-sending is safe (records are keyed by stable ids).
    res.set_header("Retry-After", "1");
    reply_json(res, 503, {{"error", "the warehouse did not commit in time; re-send the request"}});
    return;
  }
  try {
    const IngestOutcome outcome = done.get();
    const json body{{"accepted", records},
                    {"new", outcome.counts.songs_staged + outcome.counts.events_staged},
                    {"duplicates", outcome.counts.duplicates},
                    {"rejected", rejects.size()},
                    {"batch_id", outcome.batch_id},
                    {"rejects", rejects}};
    // Nothing usable at all is the client's error (the rejects are recorded anyway).
    reply_json(res, records == 0 && !rejects.empty() ? 422 : 200, body);
  } catch (const std::exception& e) {
    res.set_header("Retry-After", "1");
    reply_json(res, 503, {{"error", std::string("the warehouse failed: ") + e.what()}});
  }
}

void EtlServer::stage_jobs(Warehouse& wh, std::vector<JobPtr>& jobs) {
  std::vector<const IngestRequest*> requests;
  requests.reserve(jobs.size());
  for (const auto& job : jobs)
    requests.push_back(&job->request);
  const auto started = Clock::now();
  try {
    const IngestResult result = stage_requests(wh, requests);
    metrics_.observe_batch("ingest", seconds_since(started));
    for (std::size_t i = 0; i < jobs.size(); ++i) {
      const StagingCounts& c = result.per_request[i];
      metrics_.songs_staged += static_cast<std::uint64_t>(c.songs_staged);
      metrics_.events_staged += static_cast<std::uint64_t>(c.events_staged);
      metrics_.duplicates += static_cast<std::uint64_t>(c.duplicates);
      metrics_.rejects += static_cast<std::uint64_t>(c.rejects);
      // Before the acknowledgement: a client that was told "staged" and then asks
      // /v1/status must see its rows waiting (it saw 0 for a moment before, and
      // bench/ingest_load.sh failed now and then by reading facts too early).
      backlog_.staged(Clock::now(), c.songs_staged + c.events_staged);
      publish_backlog();
      jobs[i]->done.set_value(IngestOutcome{result.batch_id, c});
    }
  } catch (...) {
    ++metrics_.batches_failed;
    for (auto& job : jobs)
      job->done.set_exception(std::current_exception());
    throw;
  }
}

template <typename Transform>
auto EtlServer::given_back_on_failure(Transform&& transform) {
  try {
    return transform();
  } catch (...) {
    backlog_.given_back();
    throw;
  }
}

void EtlServer::poll_sources(Warehouse& wh) {
  std::vector<SourceSpec> sources;
  for (const auto& s : options_.sources) {
    sources.push_back(SourceSpec{open_source(s.location, options_.s3), s.kind});
  }
  const auto taken = backlog_.take();
  const auto started = Clock::now();
  Loader loader(wh, options_.load);
  const LoadReport report = given_back_on_failure([&] { return loader.run(sources); });
  if (!report.batches.empty())
    metrics_.observe_batch("load", seconds_since(started));
  metrics_.objects_loaded += report.objects_loaded;
  metrics_.songs_staged += static_cast<std::uint64_t>(report.staged.songs_staged);
  metrics_.events_staged += static_cast<std::uint64_t>(report.staged.events_staged);
  metrics_.duplicates += static_cast<std::uint64_t>(report.staged.duplicates);
  metrics_.rejects += static_cast<std::uint64_t>(report.staged.rejects);
  metrics_.songs_processed += static_cast<std::uint64_t>(report.songs_processed);
  metrics_.events_processed += static_cast<std::uint64_t>(report.events_processed);
  if (report.objects_loaded > 0) {
    console_.out("loaded {} new objects: {} songs, {} events staged, {} rejected",
                 report.objects_loaded, report.staged.songs_staged, report.staged.events_staged,
                 report.staged.rejects);
  }
  // A load transforms everything that was waiting when it began, ingested rows included.
  if (!report.batches.empty())
    transformed(taken);
  else
    backlog_.given_back();
}

void EtlServer::transform_backlog(Warehouse& wh) {
  const auto taken = backlog_.take();
  if (taken.empty())
    return;
  const auto started = Clock::now();
  const BatchCounts counts = given_back_on_failure([&] { return transform_batch(wh); });
  metrics_.observe_batch("transform", seconds_since(started));
  metrics_.songs_processed += static_cast<std::uint64_t>(counts.songs_processed);
  metrics_.events_processed += static_cast<std::uint64_t>(counts.events_processed);
  transformed(taken);
  // After the commit: a failure here loses nothing, and the next transform plans with it.
  if (statistics_.due_after(counts.songs_processed + counts.events_processed))
    analyze_staged_rows(wh);
}

void EtlServer::transformed(const StagedBacklog::Taken& taken) {
  backlog_.transformed(taken, [this](double seconds, std::int64_t rows) {
    metrics_.staging_to_star.observe(seconds, static_cast<std::uint64_t>(rows));
  });
  publish_backlog();
}

void EtlServer::publish_backlog() {
  metrics_.waiting_rows = backlog_.rows();
  metrics_.oldest_waiting_seconds = backlog_.oldest_seconds();
}

std::unique_lock<FifoMutex> EtlServer::take_turn(const Warehouse& wh) {
  if (wh.transforms_beside_staging())
    return {};
  return std::unique_lock(turns_);
}

bool EtlServer::reconnect_after(const std::exception& e) {
  return dynamic_cast<const WarehouseUnavailable*>(&e) != nullptr ||
         dynamic_cast<const WarehouseBusy*>(&e) != nullptr;
}

void EtlServer::staging_loop() {
  std::unique_ptr<Warehouse> wh;
  bool counted_left_over = false;
  auto retry_at = Clock::now();
  for (;;) {
    std::vector<JobPtr> jobs = queue_.pop_all(Clock::now() + std::chrono::milliseconds(200));
    metrics_.queue_depth = static_cast<std::int64_t>(queue_.size());
    const bool closing = queue_.closed();
    try {
      if (!wh) {
        if (Clock::now() < retry_at && !closing) {
          for (auto& job : jobs) {
            job->done.set_exception(std::make_exception_ptr(
                WarehouseUnavailable("the warehouse is unreachable; retrying")));
          }
          continue;
        }
        auto opened = open_warehouse_(ConnectionUse::write);
        opened->migrate();
        opened->lock_writer();  // PostgreSQL: other loaders get a clear "busy" while we run
        if (!counted_left_over) {
          // Before this run stages anything: what a previous run left waiting.
          const auto [songs, events] = unprocessed_rows(*opened);
          backlog_.left_over(songs + events);
          counted_left_over = true;
        }
        wh = std::move(opened);
        writer_locked_ = true;
      }
      if (!jobs.empty()) {
        // Transforms that fall behind (a whole micro-batch of rows waits) slow the
        // acknowledgements down to their pace, so the delay to the star schema stays
        // bounded under any load. A server shutting down stages what it accepted.
        while (!backlog_.wait_for_room(options_.batch_rows,
                                       Clock::now() + std::chrono::milliseconds(200)) &&
               !queue_.closed()) {
        }
        const auto turn = take_turn(*wh);
        stage_jobs(*wh, jobs);
      }
    } catch (const std::exception& e) {
      ++metrics_.batches_failed;
      console_.error("{}", e.what());
      for (auto& job : jobs) {
        // Jobs not answered yet (the failure came before staging) fail too.
        try {
          job->done.set_exception(std::current_exception());
        } catch (const std::future_error&) {
        }
      }
      if (reconnect_after(e)) {
        writer_locked_ = false;
        wh.reset();
        retry_at = Clock::now() + std::chrono::seconds(1);
      }
    }
    if (closing && queue_.size() == 0)
      break;
  }
  // The connection (and on PostgreSQL the writer lock) stays open until the transform
  // thread's last micro-batch has committed: no other loader runs beside it.
  finished_writer_ = std::move(wh);
  backlog_.finish();
}

void EtlServer::transform_loop() {
  std::unique_ptr<Warehouse> wh;
  const bool polling = !options_.sources.empty() && options_.poll_interval.count() > 0;
  auto next_poll = Clock::now();
  auto retry_at = Clock::now();
  for (;;) {
    if (Clock::now() < retry_at || !writer_locked_) {
      // After a failure, or while this server does not hold the warehouse.
      backlog_.wait_until(std::max(retry_at, Clock::now() + std::chrono::milliseconds(50)));
    } else {
      backlog_.wait_for_batch(polling ? next_poll : Clock::now() + std::chrono::seconds(1));
    }
    const bool finishing = backlog_.finished();
    try {
      if (writer_locked_ && !wh) {
        auto opened = open_warehouse_(ConnectionUse::write);
        opened->transform_in_snapshots();
        statistics_.start(staged_rows_in_statistics(*opened));
        wh = std::move(opened);
      }
      if (wh && writer_locked_) {
        const auto turn = take_turn(*wh);
        if (polling && !finishing && Clock::now() >= next_poll) {
          next_poll = Clock::now() + options_.poll_interval;
          poll_sources(*wh);
        }
        if (finishing || backlog_.due())
          transform_backlog(*wh);
      }
    } catch (const std::exception& e) {
      ++metrics_.batches_failed;
      console_.error("{}", e.what());
      if (reconnect_after(e))
        wh.reset();
      retry_at = Clock::now() + std::chrono::seconds(1);
    }
    publish_backlog();
    if (finishing)
      break;
  }
}

}  // namespace sparkify
