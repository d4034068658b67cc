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
  static const std::vector<std::string> kTables{
      "s_song",       "s_songplay_event", "d_artist",   "d_song",     "d_time",   "d_user",
      "d_user_level", "f_songplay",       "etl_object", "etl_reject", "etl_batch"};
  return kTables;
}

std::vector<std::string> pg_canonical_dump(const std::string& conninfo) {
  std::vector<std::string> out;
  for (const auto& table : warehouse_tables()) {
    // Columns in table order, minus the wall-clock ones; the table name is a constant above.
    const auto columns =
        pg_rows(conninfo,
                "SELECT string_agg(quote_ident(column_name), ', ' ORDER BY ordinal_position) "
                "FROM information_schema.columns WHERE table_schema = current_schema() AND "
                "table_name = $1 AND column_name NOT IN ('staged_at', 'loaded_at', 'rejected_at', "
                "'started_at', 'finished_at')",
                {table});
    for (const auto& row :
         pg_rows(conninfo, "SELECT " + columns.at(0) + " FROM " + table + " ORDER BY 1, 2, 3")) {
      out.push_back(table + "|" + row);
    }
  }
  return out;
}

}  // namespace sparkify::testing
