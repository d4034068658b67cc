#include "config/conninfo.hpp"

namespace sparkify::config {

std::string quote_libpq_value(std::string_view value) {
  std::string out = "'";
  for (char c : value) {
    if (c == '\\' || c == '\'')
      out.push_back('\\');
    out.push_back(c);
  }
  out.push_back('\'');
  return out;
}

std::string cluster_conninfo(const ClusterConfig& cluster) {
  std::string out;
  auto add = [&out](std::string_view key, const std::string& value) {
    if (!out.empty())
      out.push_back(' ');
    out.append(key);
    out.push_back('=');
    out.append(quote_libpq_value(value));
  };
  if (cluster.host)
    add("host", *cluster.host);
  if (cluster.db_port)
    add("port", std::to_string(*cluster.db_port));
  if (cluster.db_name)
    add("dbname", *cluster.db_name);
  if (cluster.db_user)
    add("user", *cluster.db_user);
  if (cluster.db_password)
    add("password", *cluster.db_password);
  return out;
}

}  // namespace sparkify::config
