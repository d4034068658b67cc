#include "config/conninfo.hpp"

#include <gtest/gtest.h>
#include <libpq-fe.h>

#include <map>
#include <memory>

namespace sparkify::config {
namespace {

// What libpq itself reads from a keyword string.
std::map<std::string, std::string> libpq_parse(const std::string& conninfo) {
  char* error = nullptr;
  std::unique_ptr<PQconninfoOption, decltype(&PQconninfoFree)> options(
      PQconninfoParse(conninfo.c_str(), &error), &PQconninfoFree);
  if (error != nullptr) {
    ADD_FAILURE() << error;
    PQfreemem(error);
  }
  std::map<std::string, std::string> out;
  for (auto* o = options.get(); o != nullptr && o->keyword != nullptr; ++o) {
    if (o->val != nullptr)
      out[o->keyword] = o->val;
  }
  return out;
}

TEST(ClusterConninfo, QuotesValuesForLibpq) {
  EXPECT_EQ(quote_libpq_value(""), "''");
  EXPECT_EQ(quote_libpq_value("a b"), "'a b'");
  EXPECT_EQ(quote_libpq_value("it's \\ x"), "'it\\'s \\\\ x'");
}

TEST(ClusterConninfo, BuildsOnlyTheSetFields) {
  ClusterConfig c;
  c.db_name = "sparkify";
  c.db_port = 5439;
  EXPECT_EQ(cluster_conninfo(c), "port='5439' dbname='sparkify'");
  EXPECT_EQ(cluster_conninfo(ClusterConfig{}), "");
}

TEST(ClusterConninfo, LibpqReadsBackExactlyTheValues) {
  ClusterConfig c;
  c.host = "dwhcluster.example.us-west-2.redshift.amazonaws.com";
  c.db_name = "spark ify";
  c.db_user = "O'Neil";
  c.db_password = "p a'ss\\w=rd \"x\" #;";
  c.db_port = 5439;
  const auto parsed = libpq_parse(cluster_conninfo(c));
  EXPECT_EQ(parsed.at("host"), *c.host);
  EXPECT_EQ(parsed.at("dbname"), *c.db_name);
  EXPECT_EQ(parsed.at("user"), *c.db_user);
  EXPECT_EQ(parsed.at("password"), *c.db_password);
  EXPECT_EQ(parsed.at("port"), "5439");
}

}  // namespace
}  // namespace sparkify::config
