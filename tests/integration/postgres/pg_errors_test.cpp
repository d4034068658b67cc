// Error classification against a real server: bad SQL and constraints are
// WarehouseError; lock waits, serialization failures and deadlocks are
// WarehouseBusy; a killed session is WarehouseUnavailable.
#include <gtest/gtest.h>

#include <atomic>
#include <exception>
#include <thread>

#include "support/pg_server.hpp"
#include "warehouse/libpq/pg_connection.hpp"
#include "warehouse/warehouse.hpp"

namespace sparkify::pg {
namespace {

enum class Kind { kNone, kError, kBusy, kUnavailable };

template <class F>
Kind kind_of(F&& f, std::string* message = nullptr) {
  try {
    f();
  } catch (const WarehouseBusy& e) {
    if (message)
      *message = e.what();
    return Kind::kBusy;
  } catch (const WarehouseUnavailable& e) {
    if (message)
      *message = e.what();
    return Kind::kUnavailable;
  } catch (const WarehouseError& e) {
    if (message)
      *message = e.what();
    return Kind::kError;
  }
  return Kind::kNone;
}

class PgErrorsTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    conninfo_ = new std::string(test::create_test_database("it_errors"));
    Connection c(*conninfo_);
    c.execute_script("CREATE TABLE t (id bigint PRIMARY KEY, v text)");
    c.execute_script("INSERT INTO t VALUES (1, 'a'), (2, 'b')");
  }
  static void TearDownTestSuite() {
    delete conninfo_;
    conninfo_ = nullptr;
  }
  static const std::string& conninfo() { return *conninfo_; }

 private:
  static inline std::string* conninfo_ = nullptr;
};

TEST_F(PgErrorsTest, BadSqlAndConstraintsAreErrorsWithSqlstate) {
  Connection conn(conninfo());
  std::string m;
  EXPECT_EQ(kind_of([&] { conn.execute("SELEKT 1"); }, &m), Kind::kError);
  EXPECT_NE(m.find("SQLSTATE 42601"), std::string::npos) << m;
  EXPECT_EQ(
      kind_of([&] { conn.execute("INSERT INTO t VALUES ($1, 'x')", {Value{std::int64_t{1}}}); },
              &m),
      Kind::kError);
  EXPECT_NE(m.find("SQLSTATE 23505"), std::string::npos) << m;
  // The message shows the key (server's detail) but the statement's parameters
  // never become part of the SQL text.
  EXPECT_NE(m.find("already exists"), std::string::npos) << m;
  EXPECT_EQ(kind_of([&] { conn.query("SELECT 'abc'::int"); }), Kind::kError);
  EXPECT_TRUE(conn.ok());
}

TEST_F(PgErrorsTest, RaisedContentionCodesAreBusy) {
  Connection conn(conninfo());
  for (const char* state : {"40001", "40P01", "55P03"}) {
    std::string m;
    EXPECT_EQ(kind_of(
                  [&] {
                    // The SQLSTATE is a parameter; the DO body is a constant.
                    conn.execute("SELECT set_config('it.state', $1, false)",
                                 {Value{std::string(state)}});
                    conn.execute_script(
                        "DO $$ BEGIN RAISE EXCEPTION 'contention' USING ERRCODE = "
                        "current_setting('it.state'); END $$");
                  },
                  &m),
              Kind::kBusy)
        << state << ": " << m;
  }
  std::string m;
  EXPECT_EQ(kind_of(
                [&] {
                  conn.execute_script(
                      "DO $$ BEGIN RAISE EXCEPTION 'going away' USING ERRCODE = '57P01'; END $$");
                },
                &m),
            Kind::kUnavailable)
      << m;
}

TEST_F(PgErrorsTest, LockTimeoutIsBusy) {
  Connection holder(conninfo());
  Connection waiter(conninfo());
  holder.begin();
  holder.execute_script("LOCK TABLE t IN ACCESS EXCLUSIVE MODE");
  waiter.execute_script("SET lock_timeout = '100ms'");
  std::string m;
  EXPECT_EQ(kind_of([&] { waiter.query("SELECT count(*) FROM t"); }, &m), Kind::kBusy) << m;
  holder.rollback();
  EXPECT_EQ(to_int(waiter.query("SELECT count(*) FROM t").rows.at(0).at(0)), 2);
}

TEST_F(PgErrorsTest, RealDeadlockIsBusy) {
  Connection a(conninfo());
  Connection b(conninfo());
  for (auto* c : {&a, &b})
    c->execute_script("SET deadlock_timeout = '100ms'");
  a.begin();
  b.begin();
  a.execute("UPDATE t SET v = 'a1' WHERE id = 1");
  b.execute("UPDATE t SET v = 'b2' WHERE id = 2");
  std::atomic<Kind> a_kind{Kind::kNone};
  std::thread t(
      [&] { a_kind = kind_of([&] { a.execute("UPDATE t SET v = 'a2' WHERE id = 2"); }); });
  // Give a time to block on b's row, then close the cycle.
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  const Kind b_kind = kind_of([&] { b.execute("UPDATE t SET v = 'b1' WHERE id = 1"); });
  // The victim fails; roll it back so that the other can finish.
  if (b_kind == Kind::kBusy)
    b.rollback();
  t.join();
  if (a_kind == Kind::kBusy)
    a.rollback();
  EXPECT_TRUE((a_kind == Kind::kBusy) != (b_kind == Kind::kBusy))
      << "exactly one side is the deadlock victim";
  a.rollback_quietly();
  b.rollback_quietly();
}

TEST_F(PgErrorsTest, TerminatedSessionIsUnavailable) {
  Connection admin(conninfo());
  Connection victim(conninfo());
  victim.begin();
  victim.execute("UPDATE t SET v = 'x' WHERE id = 1");
  admin.query("SELECT pg_terminate_backend($1::int)", {Value{std::int64_t{victim.backend_pid()}}});
  std::string m;
  EXPECT_EQ(kind_of([&] { victim.query("SELECT 1"); }, &m), Kind::kUnavailable) << m;
  EXPECT_FALSE(victim.ok());
  // Nothing of the lost transaction remains.
  EXPECT_EQ(admin.query("SELECT v FROM t WHERE id = 1").rows.at(0).at(0), Value{std::string("a")});
  victim.rollback_quietly();  // harmless on a dead connection
}

}  // namespace
}  // namespace sparkify::pg
