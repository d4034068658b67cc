// The libpq wrapper against a real server: connecting, typed results,
// parameters, scripts, transactions and the advisory lock.
#include "warehouse/libpq/pg_connection.hpp"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cctype>
#include <cmath>
#include <limits>
#include <thread>

#include "support/pg_server.hpp"
#include "warehouse/warehouse.hpp"

namespace sparkify::pg {
namespace {

using namespace std::string_literals;

class PgConnectionTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    conninfo_ = new std::string(test::create_test_database("it_conn"));
  }
  static void TearDownTestSuite() {
    delete conninfo_;
    conninfo_ = nullptr;
  }
  static const std::string& conninfo() { return *conninfo_; }

 private:
  static inline std::string* conninfo_ = nullptr;
};

// Percent-encodes a URI query value.
std::string uri_encode(std::string_view s) {
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.') {
      out.push_back(static_cast<char>(c));
    } else {
      out += fmt::format("%{:02X}", c);
    }
  }
  return out;
}

TEST_F(PgConnectionTest, ConnectsWithKeywordsAndDescribesWithoutSecrets) {
  Connection conn(conninfo());
  EXPECT_TRUE(conn.ok());
  EXPECT_GE(conn.server_version(), 150000);
  const auto d = conn.describe();
  EXPECT_NE(d.find("/it_conn"), std::string::npos) << d;
  EXPECT_EQ(d.find("password"), std::string::npos);
}

TEST_F(PgConnectionTest, ConnectsWithUri) {
  Connection base(conninfo());
  const auto uri =
      fmt::format("postgresql:///it_conn?host={}&port={}&user={}",
                  uri_encode(PQhost(base.native())), PQport(base.native()), PQuser(base.native()));
  Connection conn(uri);
  EXPECT_EQ(to_int(conn.query("SELECT 41 + 1").rows.at(0).at(0)), 42);
}

TEST_F(PgConnectionTest, PasswordOverTcpAndRedactedFailures) {
  Connection admin(conninfo());
  const auto secret = "S3cr't @/ \\pass"s;
  // Test setup: DDL takes no parameters, so the server quotes the literal (format %L).
  admin.execute_script("DROP ROLE IF EXISTS it_pw");
  const auto ddl = admin.query("SELECT format('CREATE ROLE it_pw LOGIN PASSWORD %L', $1::text)",
                               {Value{secret}});
  admin.execute_script(std::get<std::string>(ddl.rows.at(0).at(0)));
  const std::string port = PQport(admin.native());

  const auto uri =
      fmt::format("postgresql://it_pw:{}@127.0.0.1:{}/it_conn", uri_encode(secret), port);
  Connection by_uri(uri);
  EXPECT_EQ(std::get<std::string>(by_uri.query("SELECT current_user").rows.at(0).at(0)), "it_pw");

  const auto keywords = fmt::format(
      "host=127.0.0.1 port={} dbname=it_conn user=it_pw password='S3cr\\'t @/ \\\\pass'", port);
  Connection by_keywords(keywords);
  EXPECT_TRUE(by_keywords.ok());

  // A wrong password: a WarehouseError (retrying will not help) that shows no password.
  const auto wrong =
      fmt::format("host=127.0.0.1 port={} dbname=it_conn user=it_pw password=TopSecretWrong", port);
  try {
    Connection c(wrong);
    FAIL() << "connected with a wrong password";
  } catch (const WarehouseUnavailable& e) {
    FAIL() << "classified as unavailable: " << e.what();
  } catch (const WarehouseError& e) {
    const std::string m = e.what();
    EXPECT_EQ(m.find("TopSecretWrong"), std::string::npos) << m;
    EXPECT_NE(m.find("password=***"), std::string::npos) << m;
  }
  admin.execute_script("DROP ROLE it_pw");
}

TEST(PgConnect, UnreachableServerIsUnavailableAndRedacted) {
  try {
    Connection c("host=127.0.0.1 port=1 connect_timeout=2 password=TopSecret1");
    FAIL();
  } catch (const WarehouseUnavailable& e) {
    const std::string m = e.what();
    EXPECT_EQ(m.find("TopSecret1"), std::string::npos) << m;
    EXPECT_NE(m.find("port=1"), std::string::npos) << m;
  }
  try {
    Connection c("postgresql://u:TopSecret2@127.0.0.1:1/db?connect_timeout=2");
    FAIL();
  } catch (const WarehouseUnavailable& e) {
    EXPECT_EQ(std::string(e.what()).find("TopSecret2"), std::string::npos) << e.what();
  }
}

TEST(PgConnect, MalformedStringsAreErrorsThatDoNotEchoSecrets) {
  for (const auto& bad : {"host=h password='TopSecret3"s, "host=h passwordTopSecret3 user=u"s,
                          "postgresql://u:TopSecret3@h/db?nosuchoption=1"s,
                          "host=h password=TopSecret3 nosuchoption=1"s}) {
    try {
      Connection c(bad);
      FAIL() << "accepted " << bad;
    } catch (const WarehouseUnavailable& e) {
      FAIL() << "malformed string classified as unavailable: " << e.what();
    } catch (const WarehouseError& e) {
      EXPECT_EQ(std::string(e.what()).find("TopSecret3"), std::string::npos) << e.what();
    }
  }
}

TEST_F(PgConnectionTest, TypesResultColumnsByOid) {
  Connection conn(conninfo());
  const auto t = conn.query(
      "SELECT 1::int2 AS a, 2::int4 AS b, 9223372036854775807::int8 AS c, 1.5::float4 AS d, "
      "269.58322::float8 AS e, 3.125::numeric AS f, true AS g, false AS h, 'x'::text AS i, "
      "NULL::text AS j, 'v'::varchar AS k, '2018-11-01 21:01:46.796'::timestamp AS l, "
      "to_timestamp(1541106106.796) AS m, NULL::bigint AS n, 'NaN'::float8 AS o");
  ASSERT_EQ(t.rows.size(), 1u);
  const auto& r = t.rows[0];
  EXPECT_EQ(t.columns.at(0), "a");
  EXPECT_EQ(t.columns.at(14), "o");
  EXPECT_EQ(r[0], Value{std::int64_t{1}});
  EXPECT_EQ(r[1], Value{std::int64_t{2}});
  EXPECT_EQ(r[2], Value{std::numeric_limits<std::int64_t>::max()});
  EXPECT_EQ(r[3], Value{1.5});
  EXPECT_EQ(r[4], Value{269.58322});
  EXPECT_EQ(r[5], Value{3.125});
  EXPECT_EQ(r[6], Value{std::int64_t{1}});
  EXPECT_EQ(r[7], Value{std::int64_t{0}});
  EXPECT_EQ(r[8], Value{"x"s});
  EXPECT_TRUE(is_null(r[9]));
  EXPECT_EQ(r[10], Value{"v"s});
  EXPECT_EQ(r[11], Value{"2018-11-01 21:01:46.796"s});
  EXPECT_EQ(r[12], Value{"2018-11-01 21:01:46.796"s});  // UTC, in the warehouse form
  EXPECT_TRUE(is_null(r[13]));
  EXPECT_TRUE(std::isnan(std::get<double>(r[14])));
}

TEST_F(PgConnectionTest, ParametersRoundTripExactly) {
  Connection conn(conninfo());
  const std::vector<std::string> texts = {"",
                                          "O'Neil",
                                          "Des'ree \"x\" \\ back\\slash",
                                          "line\nbreak\ttab\rcr",
                                          "Beyonc\xc3\xa9 \xe6\x9d\xb1\xe4\xba\xac",
                                          "'); DROP TABLE x; --",
                                          "\\N",
                                          "$1"};
  for (const auto& s : texts) {
    const auto t = conn.query("SELECT $1::text, length($1::text)", {Value{s}});
    EXPECT_EQ(t.rows.at(0).at(0), Value{s});
  }
  const std::vector<double> reals = {
      0.1, 1e-300, 1e300, 269.58322, -0.5, 45.5, 1.0 / 3, std::numeric_limits<double>::infinity()};
  for (double d : reals) {
    const auto t = conn.query("SELECT $1::float8", {Value{d}});
    EXPECT_EQ(t.rows.at(0).at(0), Value{d}) << d;
  }
  for (std::int64_t i : {std::numeric_limits<std::int64_t>::min(), std::int64_t{0},
                         std::numeric_limits<std::int64_t>::max()}) {
    EXPECT_EQ(conn.query("SELECT $1::bigint", {Value{i}}).rows.at(0).at(0), Value{i});
  }
  const auto nulls = conn.query("SELECT $1::text IS NULL, $2::bigint IS NULL", {Value{}, Value{}});
  EXPECT_EQ(nulls.rows.at(0).at(0), Value{std::int64_t{1}});
}

TEST_F(PgConnectionTest, NulInParameterIsRefusedAndConnectionStaysUsable) {
  Connection conn(conninfo());
  EXPECT_THROW(conn.query("SELECT $1::text", {Value{"a\0b"s}}), WarehouseError);
  EXPECT_EQ(to_int(conn.query("SELECT 1").rows.at(0).at(0)), 1);
}

TEST_F(PgConnectionTest, ExecuteCountsRowsAndScriptsRunSeveralStatements) {
  Connection conn(conninfo());
  conn.execute_script("DROP TABLE IF EXISTS t_exec; CREATE TABLE t_exec (id bigint PRIMARY KEY)");
  EXPECT_EQ(conn.execute("INSERT INTO t_exec SELECT generate_series(1, $1::int)",
                         {Value{std::int64_t{5}}}),
            5);
  EXPECT_EQ(conn.execute_script("UPDATE t_exec SET id = id + 10 WHERE id <= 2; "
                                "DELETE FROM t_exec WHERE id = 5"),
            3);
  // A failing script throws and leaves the connection usable.
  EXPECT_THROW(conn.execute_script("SELECT 1; SELECT nosuchcolumn FROM t_exec; SELECT 2"),
               WarehouseError);
  EXPECT_EQ(to_int(conn.query("SELECT count(*) FROM t_exec").rows.at(0).at(0)), 4);
}

TEST_F(PgConnectionTest, TransactionsCommitAndRollBack) {
  Connection conn(conninfo());
  conn.execute_script("DROP TABLE IF EXISTS t_tx; CREATE TABLE t_tx (id bigint PRIMARY KEY)");
  conn.begin();
  EXPECT_TRUE(conn.in_transaction());
  conn.execute("INSERT INTO t_tx VALUES ($1)", {Value{std::int64_t{1}}});
  conn.rollback();
  EXPECT_FALSE(conn.in_transaction());
  {
    Transaction tx(conn);
    conn.execute("INSERT INTO t_tx VALUES ($1)", {Value{std::int64_t{2}}});
    tx.commit();
  }
  try {
    Transaction tx(conn);
    conn.execute("INSERT INTO t_tx VALUES ($1)", {Value{std::int64_t{3}}});
    throw std::runtime_error("abandon");
  } catch (const std::runtime_error&) {
  }
  EXPECT_FALSE(conn.in_transaction());
  // COMMIT after a failed statement rolls back; that must not look like success.
  conn.begin();
  conn.execute("INSERT INTO t_tx VALUES ($1)", {Value{std::int64_t{4}}});
  EXPECT_THROW(conn.execute("INSERT INTO t_tx VALUES ($1)", {Value{std::int64_t{2}}}),
               WarehouseError);
  EXPECT_THROW(conn.commit(), WarehouseError);
  const auto t = conn.query("SELECT id FROM t_tx ORDER BY id");
  ASSERT_EQ(t.rows.size(), 1u);
  EXPECT_EQ(t.rows[0][0], Value{std::int64_t{2}});
}

TEST_F(PgConnectionTest, AdvisoryLockAdmitsOneSessionAtATime) {
  constexpr auto key = advisory_lock_key("sparkify-dwh test lock");
  static_assert(key == advisory_lock_key("sparkify-dwh test lock"));
  auto first = std::make_unique<Connection>(conninfo());
  Connection second(conninfo());
  EXPECT_TRUE(first->try_advisory_lock(key));
  EXPECT_FALSE(second.try_advisory_lock(key));
  EXPECT_TRUE(second.try_advisory_lock(key + 1));  // other keys are independent
  // Closing the session releases it, once the server has ended that backend
  // (asynchronously, a few milliseconds after PQfinish).
  first.reset();
  bool acquired = false;
  for (int i = 0; i < 200 && !acquired; ++i) {
    acquired = second.try_advisory_lock(key);
    if (!acquired)
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_TRUE(acquired);
  second.advisory_unlock(key);
  Connection third(conninfo());
  EXPECT_TRUE(third.try_advisory_lock(key));
}

}  // namespace
}  // namespace sparkify::pg
