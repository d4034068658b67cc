// sparkify serve: the streaming ETL server, until SIGTERM or SIGINT.
#include <pthread.h>
#include <signal.h>

#include <charconv>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "cli/command_context.hpp"
#include "cli/number_checks.hpp"
#include "cli/s3_options.hpp"
#include "server/etl_server.hpp"

namespace sparkify {
namespace {

struct ServeArgs {
  std::string listen = "127.0.0.1:8080";
  std::string songs;
  std::string events;
  double poll_seconds = 30;
  double batch_delay_seconds = 1;
  std::optional<std::int64_t> batch_rows;  // unset: the engine's micro-batch
  std::string token_file;
  std::size_t max_body = 16U << 20;
  std::size_t queue = 256;
  S3Args s3;
};

// HOST:PORT, the port from 0 (any free one) to 65535.
void parse_listen(const std::string& listen, ServerOptions& options) {
  const auto colon = listen.rfind(':');
  if (colon == std::string::npos || colon == 0) {
    throw CLI::ValidationError(
        "--listen",
        fmt::format("expected HOST:PORT (127.0.0.1:8080, 0.0.0.0:8080), got '{}'", listen));
  }
  options.host = listen.substr(0, colon);
  const std::string_view port = std::string_view(listen).substr(colon + 1);
  const auto [end, error] = std::from_chars(port.data(), port.data() + port.size(), options.port);
  if (error != std::errc() || end != port.data() + port.size() || options.port < 0 ||
      options.port > 65535) {
    throw CLI::ValidationError(
        "--listen", fmt::format("the port must be a number from 0 to 65535, got '{}'", port));
  }
}

std::string read_token(const std::string& file) {
  if (!file.empty()) {
    std::ifstream in(file);
    if (!in)
      throw CLI::ValidationError("--token-file", "cannot read " + file);
    std::string token;
    std::getline(in, token);
    return token;
  }
  const char* env = std::getenv("SPARKIFY_INGEST_TOKEN");
  return env ? env : "";
}

// The server's options from the flags and the config file's [S3].
ServerOptions server_options(const ServeArgs& args, CommandContext& context) {
  ServerOptions options;
  parse_listen(args.listen, options);
  const auto& s3_config = loaded_config(context).s3;
  const std::string songs = choose(args.songs, s3_config ? s3_config->song_data : std::nullopt, "");
  const std::string events =
      choose(args.events, s3_config ? s3_config->log_data : std::nullopt, "");
  if (!songs.empty())
    options.sources.push_back({songs, ObjectKind::song});
  if (!events.empty())
    options.sources.push_back({events, ObjectKind::event});
  options.s3 = args.s3.resolve();
  options.poll_interval =
      std::chrono::milliseconds(static_cast<std::int64_t>(args.poll_seconds * 1000));
  options.batch_rows =
      args.batch_rows.value_or(engine_named(resolve_target(context).engine).micro_batch_rows);
  options.batch_delay =
      std::chrono::milliseconds(static_cast<std::int64_t>(args.batch_delay_seconds * 1000));
  options.token = read_token(args.token_file);
  options.max_body_bytes = args.max_body;
  options.queue_capacity = args.queue;
  return options;
}

// "sqlite 500, postgresql 10000, ...": each engine's micro-batch, for the help.
std::string engine_batch_rows() {
  std::vector<std::string> each;
  for (const Engine& engine : engines())
    each.push_back(fmt::format("{} {}", engine.name, engine.micro_batch_rows));
  return fmt::format("{}", fmt::join(each, ", "));
}

// Runs the server until SIGINT or SIGTERM.
void serve(const ServerOptions& options, CommandContext& context) {
  // Signals go to one waiting thread, never to a handler in whatever thread.
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);

  EtlServer server(
      options,
      [&context](ConnectionUse use) {
        return use == ConnectionUse::read ? open_target_read_only(context, SchemaCheck::any)
                                          : open_target(context);
      },
      context.console);
  // The address first: a server that cannot listen creates no warehouse.
  try {
    server.bind();
  } catch (const ListenError& e) {
    throw CLI::ValidationError("--listen", e.what());
  }
  // Fail early and clearly when the warehouse cannot be opened.
  open_target(context)->migrate();
  std::thread waiter([&] {
    int signal = 0;
    sigwait(&signals, &signal);
    context.console.out("sparkify serve: {} received, stopping", strsignal(signal));
    server.stop();
  });
  server.run();
  pthread_kill(waiter.native_handle(), SIGTERM);  // wakes the waiter if no signal came
  waiter.join();
}

}  // namespace

void register_serve_command(CLI::App& app, CommandContext& context) {
  auto args = std::make_shared<ServeArgs>();
  auto* command = app.add_subcommand(
      "serve", "Run the streaming ETL server: HTTP ingest, polling of the sources, micro-batches");
  add_common_options(*command, context);
  command->add_option("--listen", args->listen, "Address to listen on (HOST:PORT; port 0: any)")
      ->capture_default_str();
  command->add_option("--songs", args->songs, "Folder or s3:// prefix of song files to poll")
      ->option_text("PATH");
  command->add_option("--events", args->events, "Folder or s3:// prefix of event logs to poll")
      ->option_text("PATH");
  add_s3_options(*command, args->s3);
  command->add_option("--poll-interval", args->poll_seconds, "Seconds between polls (0: never)")
      ->capture_default_str()
      ->check(decimal_number(0, 86'400));
  command
      ->add_option("--batch-rows", args->batch_rows,
                   "Staged rows that trigger a micro-batch into the star schema (default: " +
                       engine_batch_rows() + ")")
      ->option_text("N")
      ->check(whole_number(1, 1'000'000'000));
  command
      ->add_option("--batch-delay", args->batch_delay_seconds,
                   "Longest wait (seconds) of a staged row before its micro-batch")
      ->capture_default_str()
      ->check(decimal_number(0, 86'400));
  command
      ->add_option("--token-file", args->token_file,
                   "File holding the bearer token POSTs must carry (or SPARKIFY_INGEST_TOKEN)")
      ->option_text("FILE");
  command->add_option("--max-body", args->max_body, "Largest request body in bytes (413 above)")
      ->capture_default_str()
      ->check(whole_number(1, std::int64_t{1} << 40));
  command->add_option("--queue", args->queue, "Requests waiting for the writer (503 above)")
      ->capture_default_str()
      ->check(whole_number(1, 1'000'000));
  command->callback([&context, args] { serve(server_options(*args, context), context); });
}

}  // namespace sparkify
