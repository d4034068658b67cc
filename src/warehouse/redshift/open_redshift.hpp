// Target selection for the Redshift engine.
//
//   redshift://user@cluster.abc.us-west-2.redshift.amazonaws.com:5439/dev
//     -> postgresql://user@cluster...:5439/dev?sslmode=require
//   --engine redshift with a libpq URI or keyword string: the same string,
//     with sslmode=require added unless it names an sslmode.
//   a config [CLUSTER] with DB_PORT=5439: Redshift's default port.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "warehouse/redshift/redshift_options.hpp"
#include "warehouse/warehouse.hpp"

namespace sparkify {

inline constexpr int kRedshiftDefaultPort = 5439;

bool is_redshift_target(std::string_view target);

// A libpq connection string for a redshift:// URI or a libpq URI / keyword
// string, with sslmode=require unless the string sets an sslmode.
std::string redshift_conninfo(std::string_view target);

std::unique_ptr<Warehouse> open_redshift_warehouse(const std::string& target,
                                                   const redshift::RedshiftOptions& options);

}  // namespace sparkify
