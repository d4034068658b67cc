#include "warehouse/libpq/pg_error.hpp"

#include <fmt/format.h>

#include "warehouse/warehouse.hpp"

namespace sparkify::pg {
namespace {

// libpq messages end with a newline and may span several lines; keep them on one.
std::string tidy(std::string_view message) {
  std::string out;
  out.reserve(message.size());
  for (char c : message) {
    if (c == '\n' || c == '\r') {
      if (!out.empty() && out.back() != ' ')
        out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  while (!out.empty() && out.back() == ' ')
    out.pop_back();
  return out;
}

bool connection_ok(PGconn* conn) {
  return conn != nullptr && PQstatus(conn) == CONNECTION_OK;
}

}  // namespace

ErrorKind classify(std::string_view sqlstate, bool connection_ok) {
  if (!connection_ok)
    return ErrorKind::kUnavailable;
  if (sqlstate.substr(0, 2) == "08")
    return ErrorKind::kUnavailable;
  if (sqlstate == "57P01" || sqlstate == "57P02" || sqlstate == "57P03") {
    return ErrorKind::kUnavailable;
  }
  if (sqlstate == "55P03" || sqlstate == "40001" || sqlstate == "40P01")
    return ErrorKind::kBusy;
  return ErrorKind::kError;
}

void throw_error(ErrorKind kind, const std::string& message) {
  switch (kind) {
    case ErrorKind::kBusy:
      throw WarehouseBusy(message);
    case ErrorKind::kUnavailable:
      throw WarehouseUnavailable(message);
    case ErrorKind::kError:
      break;
  }
  throw WarehouseError(message);
}

void throw_result_error(PGconn* conn, const PGresult* result, std::string_view what) {
  if (result == nullptr)
    throw_connection_error(conn, what);
  const char* state = PQresultErrorField(result, PG_DIAG_SQLSTATE);
  const char* primary = PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY);
  const char* detail = PQresultErrorField(result, PG_DIAG_MESSAGE_DETAIL);
  const std::string_view sqlstate = state != nullptr ? state : "";
  std::string message =
      fmt::format("postgresql: {} failed: {}", what,
                  tidy(primary != nullptr ? primary : PQresultErrorMessage(result)));
  if (detail != nullptr)
    message += fmt::format(" ({})", tidy(detail));
  if (!sqlstate.empty())
    message += fmt::format(" [SQLSTATE {}]", sqlstate);
  throw_error(classify(sqlstate, connection_ok(conn)), message);
}

void throw_connection_error(PGconn* conn, std::string_view what) {
  const std::string reason =
      conn != nullptr ? tidy(PQerrorMessage(conn)) : std::string("out of memory");
  throw_error(classify("", connection_ok(conn)),
              fmt::format("postgresql: {} failed: {}", what,
                          reason.empty() ? std::string("unknown error") : reason));
}

}  // namespace sparkify::pg
