// The server's bearer token never appears in its output or its answers, with
// --verbose, for right, wrong and missing tokens.
#include <gtest/gtest.h>

#include "tests/hardening/harness.hpp"

namespace sparkify::testing {
namespace {

constexpr const char* kToken = "tok-SECRET-4f9a1c77e2b84d0d";

void expect_no_secret(const std::string& where, const std::string& text) {
  EXPECT_EQ(text.find(kToken), std::string::npos) << where << " shows the token:\n" << text;
  EXPECT_EQ(text.find("4f9a1c77e2b84d0d"), std::string::npos) << where;
}

class TokenSecret : public ::testing::TestWithParam<bool> {};

TEST_P(TokenSecret, NeverShown) {
  TempDir dir;
  const bool from_file = GetParam();
  std::vector<std::string> args{"serve",       "--db",      (dir / "w.db").string(), "--listen",
                                "127.0.0.1:0", "--verbose", "--poll-interval",       "0"};
  std::map<std::string, std::string> env;
  if (from_file) {
    write_file(dir / "token", std::string(kToken) + "\n");
    args.insert(args.end(), {"--token-file", (dir / "token").string()});
  } else {
    env["SPARKIFY_INGEST_TOKEN"] = kToken;
  }
  Background server(args, env);
  const int port = wait_for_listen_port(server);
  ASSERT_NE(port, 0) << server.err();
  const std::string event =
      R"({"artist":"A","auth":"Logged In","firstName":"Ann","gender":"F","itemInSession":1,)"
      R"("lastName":"Lee","length":100.0,"level":"paid","location":"X","method":"PUT",)"
      R"("page":"NextSong","registration":1.0,"sessionId":1,"song":"S","status":200,)"
      R"("ts":1543622400000,"userAgent":"UA","userId":"7"})";
  std::vector<HttpAnswer> answers;
  answers.push_back(http_request(port, "POST", "/v1/events", event, kToken));
  answers.push_back(http_request(port, "POST", "/v1/events", event, "wrong-token"));
  answers.push_back(http_request(port, "POST", "/v1/events", event, std::string(kToken) + "x"));
  answers.push_back(http_request(port, "POST", "/v1/events", event));
  answers.push_back(http_request(port, "POST", "/v1/songs", "{not json", kToken));
  answers.push_back(http_request(port, "GET", "/v1/status", ""));
  answers.push_back(http_request(port, "GET", "/metrics", ""));
  answers.push_back(http_request(port, "GET", "/health", ""));
  EXPECT_EQ(answers[0].status / 100, 2) << answers[0].head << answers[0].body;
  EXPECT_EQ(answers[1].status, 401);
  EXPECT_EQ(answers[2].status, 401);
  EXPECT_EQ(answers[3].status, 401);
  const auto r = server.stop(SIGTERM);
  for (const auto& a : answers)
    expect_no_secret("an answer", a.head + "\n" + a.body);
  expect_no_secret("stdout", r.out);
  expect_no_secret("stderr", r.err);
  const auto status = run_sparkify({"status", "--db", (dir / "w.db").string(), "--verbose"});
  expect_no_secret("status", status.out + status.err);
}

INSTANTIATE_TEST_SUITE_P(Sources, TokenSecret, ::testing::Values(false, true),
                         [](const auto& info) { return info.param ? "file" : "env"; });

}  // namespace
}  // namespace sparkify::testing
