// Maps PostgreSQL failures onto the warehouse's exception classes:
//   WarehouseUnavailable  the connection is gone or the server is going away
//                         (connection status bad, SQLSTATE class 08, 57P01..57P03);
//   WarehouseBusy         another session holds what we need; retry later
//                         (55P03 lock_not_available, 40001 serialization_failure,
//                         40P01 deadlock_detected);
//   WarehouseError        everything else (bad SQL, constraint violations, bad data).
#pragma once

#include <libpq-fe.h>

#include <string>
#include <string_view>

namespace sparkify::pg {

enum class ErrorKind { kError, kBusy, kUnavailable };

// Classifies by SQLSTATE (may be empty when libpq produced the error itself) and by
// whether the connection is still usable.
ErrorKind classify(std::string_view sqlstate, bool connection_ok);

// Throws the exception of the kind, with the message as is.
[[noreturn]] void throw_error(ErrorKind kind, const std::string& message);

// Throws for a failed result (result may be null), naming what was being done.
// The message carries the server's primary message, detail and SQLSTATE; it never
// carries parameter values (they are not part of libpq's messages).
[[noreturn]] void throw_result_error(PGconn* conn, const PGresult* result, std::string_view what);

// Throws for a failure that has no result (connection, COPY data), using
// PQerrorMessage.
[[noreturn]] void throw_connection_error(PGconn* conn, std::string_view what);

}  // namespace sparkify::pg
