// RAII ownership of a PGresult, and its conversion to a sparkify::Table.
#pragma once

#include <libpq-fe.h>

#include <cstdint>
#include <memory>

#include "core/table.hpp"

namespace sparkify::pg {

struct ResultDeleter {
  void operator()(PGresult* r) const noexcept { PQclear(r); }
};

// Owns one PGresult (may be empty). Move-only.
class Result {
 public:
  Result() = default;
  explicit Result(PGresult* r) : result_(r) {}

  PGresult* get() const noexcept { return result_.get(); }
  explicit operator bool() const noexcept { return result_ != nullptr; }
  ExecStatusType status() const noexcept { return PQresultStatus(result_.get()); }

  // Rows changed by INSERT/UPDATE/DELETE/COPY/..., 0 when the command reports none.
  std::int64_t rows_affected() const;

  // Every row, typed by column OID (see from_result_text). Text format only.
  Table to_table() const;

 private:
  std::unique_ptr<PGresult, ResultDeleter> result_;
};

}  // namespace sparkify::pg
