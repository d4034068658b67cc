// A bounded load test of `sparkify serve` on loopback: C clients post events
// (B per request) for S seconds, then the warehouse is checked: every
// acknowledged event must be staged and in the star schema exactly once.
//
//   sparkify-ingest-load PORT TARGET [--seconds S] [--clients C] [--batch B] [--rate R]
//   sparkify-ingest-load --free-port
//
// Without --rate each client sends its next request when the last one is answered
// (closed loop: the server's saturation). With --rate the clients send R requests a
// second between them, each on a fixed schedule, and a request's latency counts from
// its scheduled send time, so a stalled server is charged for the requests it delayed too.
// Prints sustained events/s and acknowledgement latency percentiles.
#include <fmt/format.h>
#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "warehouse/engines.hpp"

namespace {

using Clock = std::chrono::steady_clock;

// A client's users: its requests go to them in turn, so a user's next request is
// kUsersPerClient requests (and at least as many milliseconds) later.
constexpr int kUsersPerClient = 50;

// A NextSong event like the sample's, unique by (session, item). Its ts is the time of
// sending on a clock that starts on 2018-12-01 (after the benchmark's data sets). Each
// client plays for users of its own, one request after the other, so each user's events
// arrive in time order, as a live application's do.
std::string event_line(int session, int item, long long ts, int user) {
  return fmt::format(
      R"({{"artist":"Load Tester","auth":"Logged In","firstName":"Ada","gender":"F",)"
      R"("itemInSession":{},"lastName":"Bench","length":201.5,"level":"paid",)"
      R"("location":"Loopback, LB","method":"PUT","page":"NextSong","registration":1540344794796.0,)"
      R"("sessionId":{},"song":"Steady State","status":200,"ts":{},)"
      R"("userAgent":"\"bench\/1.0\"","userId":"{}"}})",
      item, session, ts, user);
}

double percentile(std::vector<double> v, double p) {
  if (v.empty())
    return 0;
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<std::size_t>(p * static_cast<double>(v.size())))];
}

}  // namespace

// A loopback port free now, for a server started after (bench/soak.sh keeps one port
// for every restart of the server).
int print_free_port() {
  httplib::Server probe;
  const int port = probe.bind_to_any_port("127.0.0.1");
  if (port < 0)
    return 1;
  fmt::print("{}\n", port);
  return 0;
}

int main(int argc, char** argv) {
  if (argc == 2 && std::string(argv[1]) == "--free-port")
    return print_free_port();
  if (argc < 3) {
    std::fprintf(stderr,
                 "usage: %s PORT TARGET [--seconds S] [--clients C] [--batch B] [--rate R]\n"
                 "       %s --free-port\n",
                 argv[0], argv[0]);
    return 2;
  }
  const int port = std::atoi(argv[1]);
  const std::string target = argv[2];
  double seconds = 10;
  int clients = 8;
  int batch = 50;
  double rate = 0;  // requests per second, all clients together; 0: closed loop
  for (int i = 3; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--seconds")
      seconds = std::atof(argv[i + 1]);
    if (flag == "--clients")
      clients = std::atoi(argv[i + 1]);
    if (flag == "--batch")
      batch = std::atoi(argv[i + 1]);
    if (flag == "--rate")
      rate = std::atof(argv[i + 1]);
  }
  std::atomic<long> acked{0};
  std::atomic<long> refused{0};    // attempts answered with an error or not at all
  std::atomic<long> abandoned{0};  // requests never acknowledged
  std::mutex mutex;
  std::vector<double> latencies_ms;
  const auto started = Clock::now();
  const auto stop_at = started + std::chrono::duration<double>(seconds);
  std::vector<std::thread> threads;
  for (int c = 0; c < clients; ++c) {
    threads.emplace_back([&, c] {
      httplib::Client client("127.0.0.1", port);
      client.set_read_timeout(60, 0);
      std::vector<double> mine;
      // Paced clients start spread over one interval, not all at once.
      const auto interval = std::chrono::duration_cast<Clock::duration>(
          std::chrono::duration<double>(rate > 0 ? clients / rate : 0.0));
      auto scheduled = started + interval * c / clients;
      for (int request = 0; Clock::now() < stop_at; ++request) {
        const int session = c * 1'000'000 + request;
        const int user = 1000 + c * kUsersPerClient + request % kUsersPerClient;
        if (rate > 0) {
          std::this_thread::sleep_until(scheduled);
          scheduled += interval;
        }
        const long long sent_ms =
            std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started).count();
        std::string body;
        for (int item = 0; item < batch; ++item)
          body += event_line(session, item, 1543622400000LL + sent_ms + item, user) + "\n";
        const auto t0 = rate > 0 ? scheduled - interval : Clock::now();
        // An at-least-once client: the same body again until it is acknowledged (a
        // server killed before its answer may have staged it; the events' ids make
        // the second copy a duplicate). Latency counts from the first attempt.
        for (;;) {
          auto res = client.Post("/v1/events", body, "application/x-ndjson");
          if (res && res->status == 200) {
            acked += batch;
            mine.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
            break;
          }
          ++refused;
          if (Clock::now() > stop_at + std::chrono::seconds(120)) {
            ++abandoned;
            break;
          }
          std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
      }
      std::lock_guard lock(mutex);
      latencies_ms.insert(latencies_ms.end(), mine.begin(), mine.end());
    });
  }
  for (auto& t : threads)
    t.join();
  const double elapsed = std::chrono::duration<double>(Clock::now() - started).count();

  // Wait for the star schema to catch up, then check nothing acknowledged was lost.
  httplib::Client client("127.0.0.1", port);
  nlohmann::json status;
  for (int i = 0; i < 1200; ++i) {
    auto res = client.Get("/v1/status");
    if (res && res->status == 200) {
      status = nlohmann::json::parse(res->body);
      if (status["staging"]["waiting_rows"] == 0)
        break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  // The server's staging-to-star histogram: quantiles as bucket upper bounds.
  const auto& freshness = status["staging"]["to_star_seconds"];
  auto warehouse = sparkify::open_warehouse(target);
  const auto staged = sparkify::to_int(
      warehouse->query("SELECT COUNT(*) FROM s_songplay_event WHERE artist = 'Load Tester'")
          .rows.at(0)
          .at(0));
  const auto facts =
      sparkify::to_int(warehouse
                           ->query("SELECT COUNT(*) FROM f_songplay f JOIN s_songplay_event e "
                                   "ON e.event_id = f.songplay_id WHERE e.artist = 'Load Tester'")
                           .rows.at(0)
                           .at(0));
  fmt::print(
      "clients {}, {} events per request, {:.1f} s: {} events acknowledged ({:.0f} events/s), "
      "{} attempts refused, {} requests abandoned; "
      "ack latency p50 {:.1f} ms, p99 {:.1f} ms, p99.9 {:.1f} ms, max {:.1f} ms; "
      "staged {}, facts {}; "
      "acknowledgement to star schema p50 <= {:.2f} s, p99 <= {:.2f} s, max {:.2f} s\n",
      clients, batch, elapsed, acked.load(), static_cast<double>(acked.load()) / elapsed,
      refused.load(), abandoned.load(), percentile(latencies_ms, 0.50),
      percentile(latencies_ms, 0.99), percentile(latencies_ms, 0.999),
      percentile(latencies_ms, 1.0), staged, facts, freshness.value("p50", 0.0),
      freshness.value("p99", 0.0), freshness.value("max", 0.0));
  const bool lost = abandoned.load() > 0 || staged != acked.load() || facts != acked.load();
  if (lost)
    fmt::print("FAILED: acknowledged events are missing or duplicated\n");
  return lost ? 1 : 0;
}
