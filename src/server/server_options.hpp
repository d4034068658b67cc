// How the ETL server runs: where it listens, what it polls, how it batches.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "pipeline/loader.hpp"
#include "source/s3/config.hpp"

namespace sparkify {

struct PolledSource {
  std::string location;  // a folder or s3://bucket/prefix
  ObjectKind kind;
};

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 8080;  // 0: any free port
  // Sources listed every poll_interval; new or changed objects are loaded.
  std::vector<PolledSource> sources;
  std::chrono::milliseconds poll_interval{30'000};
  s3::S3Options s3;
  LoadOptions load;
  // Micro-batches: staged rows reach the star schema when this many wait, or
  // when the oldest has waited batch_delay, whichever comes first.
  std::int64_t batch_rows = 10'000;
  std::chrono::milliseconds batch_delay{1'000};
  // Ingest: bearer token (empty: none), body limit, pending requests, and how
  // long a request waits for its commit before the client is told to retry.
  std::string token;
  std::size_t max_body_bytes = 16U << 20;
  std::size_t queue_capacity = 256;
  std::chrono::milliseconds ack_timeout{30'000};
};

}  // namespace sparkify
