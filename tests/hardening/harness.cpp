#include "tests/hardening/harness.hpp"

#include <fcntl.h>
#include <libpq-fe.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "tests/support/sqlite_reader.hpp"
#include "tests/support/warehouse_tables.hpp"

namespace sparkify::testing {
namespace fs = std::filesystem;

Background::Background(const std::vector<std::string>& args,
                       const std::map<std::string, std::string>& env, Limits limits) {
  const fs::path out = io_ / "stdout";
  const fs::path err = io_ / "stderr";
  pid_ = ::fork();
  if (pid_ < 0)
    throw std::runtime_error("fork failed");
  if (pid_ == 0) {
    for (const auto& [k, v] : env)
      ::setenv(k.c_str(), v.c_str(), 1);
    if (limits.file_size_bytes) {
      // A write past the limit fails with EFBIG instead of killing the process.
      ::signal(SIGXFSZ, SIG_IGN);
      const rlimit limit{*limits.file_size_bytes, *limits.file_size_bytes};
      ::setrlimit(RLIMIT_FSIZE, &limit);
    }
    const int o = ::open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    const int e = ::open(err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    const int in = ::open("/dev/null", O_RDONLY);
    ::dup2(in, 0);
    ::dup2(o, 1);
    ::dup2(e, 2);
    std::vector<std::string> argv_strings{SPARKIFY_BIN};
    argv_strings.insert(argv_strings.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& a : argv_strings)
      argv.push_back(a.data());
    argv.push_back(nullptr);
    ::execv(SPARKIFY_BIN, argv.data());
    ::_exit(127);
  }
}

Background::~Background() {
  if (!result_)
    stop(SIGKILL);
}

bool Background::running() {
  if (result_)
    return false;
  int status = 0;
  const pid_t r = ::waitpid(pid_, &status, WNOHANG);
  if (r == 0)
    return true;
  RunResult out;
  if (WIFEXITED(status))
    out.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status))
    out.signal = WTERMSIG(status);
  out.out = read_file(io_ / "stdout");
  out.err = read_file(io_ / "stderr");
  result_ = out;
  return false;
}

RunResult Background::wait() {
  if (result_)
    return *result_;
  int status = 0;
  ::waitpid(pid_, &status, 0);
  RunResult out;
  if (WIFEXITED(status))
    out.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status))
    out.signal = WTERMSIG(status);
  out.out = read_file(io_ / "stdout");
  out.err = read_file(io_ / "stderr");
  result_ = out;
  return out;
}

RunResult Background::stop(int signal) {
  if (!result_ && running())
    ::kill(pid_, signal);
  return wait();
}

std::string Background::out() const {
  return read_file(io_ / "stdout");
}
std::string Background::err() const {
  return read_file(io_ / "stderr");
}

bool wait_for_file(const fs::path& path, std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (!fs::exists(path)) {
    if (std::chrono::steady_clock::now() > deadline)
      return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return true;
}

void write_file(const fs::path& path, const std::string& content) {
  fs::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << content;
  if (!out)
    throw std::runtime_error("cannot write " + path.string());
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::vector<std::string> sqlite_rows_plain(const fs::path& db, const std::string& sql) {
  return SqliteReader(db).rows(sql);
}

namespace {
struct PgConnCloser {
  void operator()(PGconn* c) const noexcept { PQfinish(c); }
};
struct PgResultCloser {
  void operator()(PGresult* r) const noexcept { PQclear(r); }
};
}  // namespace

std::vector<std::string> pg_rows(const std::string& conninfo, const std::string& sql,
                                 const std::vector<std::string>& params) {
  std::unique_ptr<PGconn, PgConnCloser> conn(PQconnectdb(conninfo.c_str()));
  if (PQstatus(conn.get()) != CONNECTION_OK) {
    throw std::runtime_error(std::string("test connection failed: ") + PQerrorMessage(conn.get()));
  }
  std::vector<const char*> values;
  for (const auto& p : params)
    values.push_back(p.c_str());
  std::unique_ptr<PGresult, PgResultCloser> result(
      PQexecParams(conn.get(), sql.c_str(), static_cast<int>(values.size()), nullptr, values.data(),
                   nullptr, nullptr, 0));
  if (PQresultStatus(result.get()) != PGRES_TUPLES_OK) {
    throw std::runtime_error(std::string("bad test SQL: ") + PQerrorMessage(conn.get()));
  }
  std::vector<std::string> out;
  for (int row = 0; row < PQntuples(result.get()); ++row) {
    std::string line;
    for (int col = 0; col < PQnfields(result.get()); ++col) {
      if (col > 0)
        line += '|';
      line += PQgetisnull(result.get(), row, col) ? "NULL" : PQgetvalue(result.get(), row, col);
    }
    out.push_back(line);
  }
  return out;
}

const std::vector<std::string>& warehouse_tables() {
  static const std::vector<std::string> kNames = [] {
    std::vector<std::string> names;
    for (const auto& table : kWarehouseTables)
      names.emplace_back(table.name);
    return names;
  }();
  return kNames;
}

std::vector<std::string> pg_canonical_dump(const std::string& conninfo) {
  std::vector<std::string> out;
  for (const auto& [name, order] : kWarehouseTables) {
    const std::string table = name;
    // Columns in table order, minus the wall-clock ones; the table name is a constant above.
    const auto columns =
        pg_rows(conninfo,
                "SELECT string_agg(quote_ident(column_name), ', ' ORDER BY ordinal_position) "
                "FROM information_schema.columns WHERE table_schema = current_schema() AND "
                "table_name = $1 AND column_name NOT IN ('staged_at', 'loaded_at', 'rejected_at', "
                "'started_at', 'finished_at')",
                {table});
    for (const auto& row : pg_rows(conninfo, "SELECT " + columns.at(0) + " FROM " +
                                                 table_source(table) + " ORDER BY " + order)) {
      out.push_back(table + "|" + row);
    }
  }
  return out;
}

}  // namespace sparkify::testing

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <algorithm>
#include <regex>

namespace sparkify::testing {
namespace {

const std::vector<std::string> kDataTables{"s_song",       "s_songplay_event", "d_artist",
                                           "d_song",       "d_time",           "d_user",
                                           "d_user_level", "f_songplay"};

bool volatile_column(const std::string& name) {
  return name == "batch_id" || name == "processed" ||
         std::find(kStampColumns.begin(), kStampColumns.end(), name) != kStampColumns.end();
}

}  // namespace

std::vector<std::string> sqlite_data_dump(const fs::path& db) {
  std::vector<std::string> out;
  for (const auto& table : kDataTables) {
    std::string columns;
    for (const auto& row : sqlite_rows_plain(
             db, "SELECT name FROM pragma_table_info('" + table + "') ORDER BY cid")) {
      if (volatile_column(row))
        continue;
      columns += (columns.empty() ? "" : ", ") + row;
    }
    for (const auto& row :
         sqlite_rows_plain(db, "SELECT " + columns + " FROM " + table + " ORDER BY 1, 2, 3")) {
      out.push_back(table + "|" + row);
    }
  }
  return out;
}

std::vector<std::string> pg_data_dump(const std::string& conninfo) {
  std::vector<std::string> out;
  for (const auto& table : kDataTables) {
    std::string columns;
    for (const auto& row :
         pg_rows(conninfo,
                 "SELECT column_name FROM information_schema.columns WHERE table_schema = "
                 "current_schema() AND table_name = $1 ORDER BY ordinal_position",
                 {table})) {
      if (volatile_column(row))
        continue;
      columns += (columns.empty() ? "" : ", ") + row;
    }
    for (const auto& row :
         pg_rows(conninfo, "SELECT " + columns + " FROM " + table + " ORDER BY 1, 2, 3")) {
      out.push_back(table + "|" + row);
    }
  }
  return out;
}

SampleCopy copy_sample(const fs::path& root) {
  SampleCopy s{root / "song_data", root / "log_data", {}, {}};
  copy_tree(sample_dir() / "song_data", s.songs);
  copy_tree(sample_dir() / "log_data", s.events);
  for (const auto& e : fs::recursive_directory_iterator(s.songs)) {
    if (e.is_regular_file())
      s.song_files.push_back(e.path());
  }
  for (const auto& e : fs::recursive_directory_iterator(s.events)) {
    if (e.is_regular_file())
      s.event_files.push_back(e.path());
  }
  std::sort(s.song_files.begin(), s.song_files.end());
  std::sort(s.event_files.begin(), s.event_files.end());
  return s;
}

std::vector<std::string> load_args(const SampleCopy& s, const std::vector<std::string>& target,
                                   int batch_objects) {
  std::vector<std::string> args{"load"};
  args.insert(args.end(), target.begin(), target.end());
  args.insert(args.end(), {"--songs", s.songs.string(), "--events", s.events.string(),
                           "--batch-objects", std::to_string(batch_objects)});
  return args;
}

HttpAnswer http_request(int port, const std::string& method, const std::string& path,
                        const std::string& body, const std::string& bearer) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0)
    throw std::runtime_error("socket failed");
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<std::uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    throw std::runtime_error("connect failed");
  }
  std::string request = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" +
                        "Connection: close\r\nContent-Type: application/x-ndjson\r\n" +
                        "Content-Length: " + std::to_string(body.size()) + "\r\n";
  if (!bearer.empty())
    request += "Authorization: Bearer " + bearer + "\r\n";
  request += "\r\n" + body;
  for (std::size_t sent = 0; sent < request.size();) {
    const auto n = ::send(fd, request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
    if (n <= 0)
      break;
    sent += static_cast<std::size_t>(n);
  }
  std::string answer;
  char buffer[4096];
  while (true) {
    const auto n = ::recv(fd, buffer, sizeof buffer, 0);
    if (n <= 0)
      break;
    answer.append(buffer, static_cast<std::size_t>(n));
  }
  ::close(fd);
  HttpAnswer out;
  const auto split = answer.find("\r\n\r\n");
  out.head = answer.substr(0, split);
  out.body = split == std::string::npos ? "" : answer.substr(split + 4);
  if (answer.size() > 12)
    out.status = std::atoi(answer.c_str() + 9);
  return out;
}

int wait_for_listen_port(Background& server, std::chrono::milliseconds timeout) {
  const std::regex pattern("listening on http://[^:]+:([0-9]+)");
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    std::smatch m;
    const std::string out = server.out();
    if (std::regex_search(out, m, pattern))
      return std::stoi(m[1]);
    if (!server.running())
      return 0;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return 0;
}

}  // namespace sparkify::testing
