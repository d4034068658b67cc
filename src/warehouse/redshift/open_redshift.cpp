#include "warehouse/redshift/open_redshift.hpp"

#include "warehouse/libpq/pg_redact.hpp"
#include "warehouse/redshift/redshift_warehouse.hpp"

namespace sparkify {

bool is_redshift_target(std::string_view target) {
  return target.starts_with("redshift://");
}

std::string redshift_conninfo(std::string_view target) {
  std::string out;
  if (is_redshift_target(target)) {
    out = "postgresql://";
    out.append(target.substr(std::string_view("redshift://").size()));
  } else {
    out = std::string(target);
  }
  if (out.find("sslmode") != std::string::npos)
    return out;
  if (pg::is_conninfo_uri(out)) {
    out.append(out.find('?') == std::string::npos ? "?" : "&");
    out.append("sslmode=require");
  } else {
    out.append(out.empty() ? "sslmode=require" : " sslmode=require");
  }
  return out;
}

std::unique_ptr<Warehouse> open_redshift_warehouse(const std::string& target,
                                                   const redshift::RedshiftOptions& options) {
  return std::make_unique<RedshiftWarehouse>(redshift_conninfo(target), options);
}

}  // namespace sparkify
