#include "warehouse/redshift/multi_row_insert.hpp"

#include <fmt/format.h>

#include "warehouse/redshift/redshift_literal.hpp"
#include "warehouse/warehouse.hpp"

namespace sparkify::redshift {

MultiRowInsert::MultiRowInsert(std::string_view prefix, std::size_t max_statement_bytes,
                               std::function<void(const std::string&)> send)
    : prefix_(prefix), max_bytes_(max_statement_bytes), send_(std::move(send)) {
  while (!prefix_.empty() && (prefix_.back() == '\n' || prefix_.back() == ' '))
    prefix_.pop_back();
}

void MultiRowInsert::add(const std::vector<Value>& row) {
  row_.clear();
  row_.push_back('(');
  for (std::size_t i = 0; i < row.size(); ++i) {
    if (i > 0)
      row_.append(", ");
    append_literal(row_, row[i]);
  }
  row_.push_back(')');
  // The statement is prefix, "\n" row, then ",\n" row for each further row, then ";".
  const auto alone = prefix_.size() + 1 + row_.size() + 1;
  if (alone > max_bytes_) {
    throw WarehouseError(
        fmt::format("redshift: one row needs {} bytes, more than the statement limit of {} bytes",
                    alone, max_bytes_));
  }
  if (rows_ > 0 && statement_.size() + 2 + row_.size() + 1 > max_bytes_)
    flush();
  if (rows_ == 0) {
    statement_ = prefix_;
    statement_.push_back('\n');
  } else {
    statement_.append(",\n");
  }
  statement_.append(row_);
  ++rows_;
}

void MultiRowInsert::flush() {
  if (rows_ == 0)
    return;
  statement_.push_back(';');
  send_(statement_);
  ++sent_;
  rows_sent_ += rows_;
  rows_ = 0;
  statement_.clear();
}

}  // namespace sparkify::redshift
