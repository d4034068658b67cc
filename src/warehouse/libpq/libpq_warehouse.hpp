// What the postgresql and redshift engines do alike over their one libpq
// connection: transactions, statements and scripts, and the analysts' read-only
// statement. Each engine adds its schema, locking and staging.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "warehouse/libpq/pg_connection.hpp"
#include "warehouse/warehouse.hpp"

namespace sparkify {

class LibpqWarehouse : public Warehouse {
 public:
  LibpqWarehouse(const LibpqWarehouse&) = delete;
  LibpqWarehouse& operator=(const LibpqWarehouse&) = delete;

  std::string describe() const override { return conn_.describe(); }

  void begin() override;
  void commit() override;
  // Never throws: after a lost connection there is nothing left to roll back.
  void rollback() override;

  // Runs each statement of sql; each gets the parameters it references ($1..$n).
  std::int64_t execute(std::string_view sql, const std::vector<Value>& params = {}) override;
  Table query(std::string_view sql, const std::vector<Value>& params = {}) override;
  // One statement, in a READ ONLY transaction rolled back afterwards: nothing is
  // kept. A statement the server cannot parse or resolve (SQLSTATE class 42: syntax
  // error, unknown table or column) is a WarehouseStatementError; one that writes,
  // which the server refuses, WarehouseQueryRejected.
  Table query_read_only(std::string_view sql, const std::vector<Value>& params = {}) override;

  pg::Connection& connection() { return conn_; }

 protected:
  explicit LibpqWarehouse(pg::Connection conn) : conn_(std::move(conn)) {}

  pg::Connection conn_;
};

}  // namespace sparkify
