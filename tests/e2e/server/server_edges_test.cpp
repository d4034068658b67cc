// The server against what a second server, a wrong method, a random path and a
// chunked body too large do: each answered as HTTP says, none costing memory.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <vector>

#include "tests/support/cli_runner.hpp"
#include "tests/support/server_process.hpp"

namespace sparkify::testing {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// The peak resident memory of a process, in MiB (VmHWM).
std::int64_t peak_mib(pid_t pid) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  for (std::string line; std::getline(status, line);) {
    if (line.starts_with("VmHWM:"))
      return std::stoll(line.substr(6)) / 1024;
  }
  return -1;
}

// Sends a chunked POST of up to `total` bytes in 64 KiB chunks over a raw socket,
// stopping as soon as the server answers (or closes); returns the answer's status
// line and how many body bytes were sent.
std::pair<std::string, std::size_t> post_chunked(int port, const std::string& path,
                                                 std::size_t total) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) != 0) {
    ::close(fd);
    return {"connect failed", 0};
  }
  const std::string head = "POST " + path +
                           " HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n"
                           "Content-Type: application/x-ndjson\r\n\r\n";
  ::send(fd, head.data(), head.size(), MSG_NOSIGNAL);
  const std::string line(1023, 'x');
  std::string chunk;
  while (chunk.size() < 65536)
    chunk += line + "\n";
  std::ostringstream framed;
  framed << std::hex << chunk.size() << "\r\n" << chunk << "\r\n";
  const std::string piece = framed.str();
  std::size_t sent = 0;
  pollfd readable{fd, POLLIN, 0};
  while (sent < total && ::poll(&readable, 1, 0) == 0) {
    if (::send(fd, piece.data(), piece.size(), MSG_NOSIGNAL) < 0)
      break;
    sent += chunk.size();
  }
  if (sent >= total)
    ::send(fd, "0\r\n\r\n", 5, MSG_NOSIGNAL);
  std::string answer(4096, '\0');
  readable.revents = 0;
  ::poll(&readable, 1, 60'000);
  const ssize_t got = ::recv(fd, answer.data(), answer.size(), 0);
  ::close(fd);
  answer.resize(got > 0 ? static_cast<std::size_t>(got) : 0);
  return {answer.substr(0, answer.find("\r\n")), sent};
}

TEST(ServerEdges, ASecondServerOnAPortInUseIsRefused) {
  TempDir dir;
  ServerProcess first({"--db", (dir / "first.db").string()}, dir.path());
  const auto second = run_sparkify_with({"serve", "--db", (dir / "second.db").string(), "--listen",
                                         "127.0.0.1:" + std::to_string(first.port())},
                                        RunOptions{{}, std::nullopt, {}, std::chrono::seconds(20)});
  EXPECT_EQ(second.exit_code, 2) << second.out << second.err;
  EXPECT_TRUE(contains(second.err, "sparkify: --listen: cannot listen on 127.0.0.1:" +
                                       std::to_string(first.port()) + ": Address already in use"))
      << second.err;
  EXPECT_FALSE(fs::exists(dir / "second.db")) << "a server that cannot listen made a warehouse";
  EXPECT_EQ(first.terminate(), 0);
}

// Many clients connecting at the same moment (a load test's start, every client of a
// restarted server) all get their connection at once: none waits a second for its SYN to
// be sent again because the listen backlog was full. The server is stopped while they
// connect, so the backlog alone holds them (httplib's own is 5).
TEST(ServerEdges, ClientsConnectingAtOnceAreAllConnectedAtOnce) {
  TempDir dir;
  ServerProcess server({"--db", (dir / "w.db").string()}, dir.path());
  ASSERT_EQ(::kill(server.pid(), SIGSTOP), 0);
  constexpr int kClients = 64;
  std::vector<int> sockets;
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(server.port()));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  for (int i = 0; i < kClients; ++i) {
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    ASSERT_GE(fd, 0);
    ::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address));
    sockets.push_back(fd);
  }
  // A dropped SYN is sent again after a second; half of that is plenty for the rest.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(500);
  int connected = 0;
  for (const int fd : sockets) {
    pollfd writable{fd, POLLOUT, 0};
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    int error = -1;
    socklen_t size = sizeof(error);
    if (::poll(&writable, 1, static_cast<int>(std::max<long>(0, left.count()))) == 1 &&
        ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &size) == 0 && error == 0)
      ++connected;
  }
  for (const int fd : sockets)
    ::close(fd);
  ASSERT_EQ(::kill(server.pid(), SIGCONT), 0);
  EXPECT_EQ(connected, kClients);
  EXPECT_EQ(server.terminate(), 0);
}

TEST(ServerEdges, AListenAddressOutOfRangeIsAUsageError) {
  TempDir dir;
  for (const std::string listen :
       {":99999", "127.0.0.1:99999", "127.0.0.1:-1", "8080", ":8080", "127.0.0.1:http"}) {
    const auto r = run_sparkify_with({"serve", "--db", (dir / "w.db").string(), "--listen", listen},
                                     RunOptions{{}, std::nullopt, {}, std::chrono::seconds(20)});
    EXPECT_EQ(r.exit_code, 2) << listen << ": " << r.err;
    EXPECT_TRUE(contains(r.err, "sparkify: --listen: ")) << listen << ": " << r.err;
  }
  EXPECT_FALSE(fs::exists(dir / "w.db"));
}

// A chunked body past --max-body is refused as soon as the limit is passed, and
// the server never holds more than the limit of it.
TEST(ServerEdges, AChunkedBodyPastTheLimitIs413WithoutBufferingIt) {
  TempDir dir;
  ServerProcess server({"--db", (dir / "w.db").string(), "--max-body", "1048576"}, dir.path());
  const std::int64_t before = peak_mib(server.pid());
  const auto [status, sent] = post_chunked(server.port(), "/v1/events", 256U << 20);
  EXPECT_EQ(status, "HTTP/1.1 413 Payload Too Large") << "after " << sent << " bytes";
  EXPECT_LT(sent, 64U << 20) << "the server read on past the limit";
  EXPECT_LT(peak_mib(server.pid()), before + 32) << "peak MiB before: " << before;
  // The server still serves.
  httplib::Client client("127.0.0.1", server.port());
  const auto health = client.Get("/health");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200);
  EXPECT_EQ(server.terminate(), 0);
}

TEST(ServerEdges, AWrongMethodIs405WithAllowAndEveryErrorIsJson) {
  TempDir dir;
  ServerProcess server({"--db", (dir / "w.db").string()}, dir.path());
  httplib::Client client("127.0.0.1", server.port());
  const auto expect_405 = [](const httplib::Result& res, const std::string& allow) {
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 405);
    EXPECT_EQ(res->get_header_value("Allow"), allow);
    EXPECT_TRUE(json::parse(res->body).contains("error")) << res->body;
  };
  expect_405(client.Get("/v1/events"), "POST");
  expect_405(client.Get("/v1/songs"), "POST");
  expect_405(client.Post("/health", "x", "text/plain"), "GET, HEAD");
  expect_405(client.Post("/v1/status", "{}", "application/json"), "GET, HEAD");
  expect_405(client.Delete("/metrics"), "GET, HEAD");
  const auto missing = client.Get("/no/such/path");
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 404);
  EXPECT_TRUE(contains(json::parse(missing->body)["error"], "/v1/events")) << missing->body;
  const auto head = client.Head("/health");
  ASSERT_TRUE(head);
  EXPECT_EQ(head->status, 200);
  EXPECT_EQ(server.terminate(), 0);
}

// Requests to random paths count under one label, not one series each.
TEST(ServerEdges, MetricsLabelsAreBounded) {
  TempDir dir;
  ServerProcess server({"--db", (dir / "w.db").string()}, dir.path());
  httplib::Client client("127.0.0.1", server.port());
  for (int i = 0; i < 50; ++i)
    ASSERT_TRUE(client.Get("/random/" + std::to_string(i)));
  // A request is counted before its answer is sent.
  const std::string other = "sparkify_http_requests_total{path=\"other\",status=\"404\"} 50";
  const auto metrics = client.Get("/metrics");
  ASSERT_TRUE(metrics);
  const std::string& body = metrics->body;
  EXPECT_TRUE(contains(body, other)) << body;
  EXPECT_FALSE(contains(body, "/random")) << body;
  EXPECT_EQ(server.terminate(), 0);
}

}  // namespace
}  // namespace sparkify::testing
