#include "warehouse/libpq/libpq_warehouse.hpp"

#include "warehouse/libpq/pg_sql_script.hpp"

namespace sparkify {

void LibpqWarehouse::begin() {
  conn_.begin();
}

void LibpqWarehouse::commit() {
  conn_.commit();
}

void LibpqWarehouse::rollback() {
  conn_.rollback_quietly();
}

std::int64_t LibpqWarehouse::execute(std::string_view sql, const std::vector<Value>& params) {
  return pg::execute_script(conn_, sql, params);
}

Table LibpqWarehouse::query(std::string_view sql, const std::vector<Value>& params) {
  return pg::query_statement(conn_, engine(), sql, params);
}

Table LibpqWarehouse::query_read_only(std::string_view sql, const std::vector<Value>& params) {
  const auto statements = pg::split_sql(sql);
  if (statements.empty())
    throw WarehouseQueryRejected("no SQL statement given");
  if (statements.size() != 1)
    throw WarehouseQueryRejected("only one SQL statement at a time");
  conn_.execute_script("BEGIN READ ONLY");
  try {
    Table table = conn_.query(statements[0].text, pg::params_of(statements[0], params));
    conn_.rollback_quietly();
    return table;
  } catch (const WarehouseError& e) {
    conn_.rollback_quietly();
    const std::string_view message = e.what();
    if (message.find("[SQLSTATE 42") != std::string_view::npos)
      throw WarehouseStatementError(e.what(), std::nullopt);
    // read_only_sql_transaction: the statement writes.
    if (message.find("[SQLSTATE 25006]") != std::string_view::npos)
      throw WarehouseQueryRejected(e.what());
    throw;
  } catch (...) {
    conn_.rollback_quietly();
    throw;
  }
}

}  // namespace sparkify
