// COPY FROM STDIN against a real server: exact round trip of awkward text,
// bulk speed, errors, aborts and a connection lost mid-COPY.
#include "warehouse/libpq/pg_copy.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>

#include "support/pg_server.hpp"
#include "warehouse/warehouse.hpp"

namespace sparkify::pg {
namespace {

using namespace std::string_literals;

class PgCopyTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    conninfo_ = new std::string(test::create_test_database("it_copy"));
  }
  static void TearDownTestSuite() {
    delete conninfo_;
    conninfo_ = nullptr;
  }
  void SetUp() override {
    conn_ = std::make_unique<Connection>(*conninfo_);
    conn_->execute_script(
        "DROP TABLE IF EXISTS c; CREATE TABLE c (id bigint PRIMARY KEY, s text, d double "
        "precision, n bigint)");
  }
  std::int64_t count() { return to_int(conn_->query("SELECT count(*) FROM c").rows.at(0).at(0)); }

  static inline std::string* conninfo_ = nullptr;
  std::unique_ptr<Connection> conn_;
};

TEST_F(PgCopyTest, AwkwardTextRoundTripsExactly) {
  const std::vector<Value> texts = {
      Value{""s},
      Value{},
      Value{"\\N"s},
      Value{"\\."s},
      Value{"a\tb"s},
      Value{"line\nbreak"s},
      Value{"cr\rlf\r\n"s},
      Value{"back\\slash\\"s},
      Value{"Beyonc\xc3\xa9 \xe6\x9d\xb1\xe4\xba\xac"s},
      Value{R"(Mozilla/5.0 (Macintosh) \"Safari\/537.36\")"s},
      Value{"Des'ree"s},
      Value{"\\"s},
  };
  CopyWriter w(*conn_, "COPY c (id, s, d, n) FROM STDIN", /*buffer_bytes=*/16);  // tiny: many sends
  for (std::size_t i = 0; i < texts.size(); ++i) {
    w.integer(static_cast<std::int64_t>(i));
    w.value(texts[i]);
    w.real(i % 2 ? std::optional<double>{269.58322 * static_cast<double>(i)} : std::nullopt);
    w.integer(i % 3 ? std::optional<std::int64_t>{-static_cast<std::int64_t>(i)} : std::nullopt);
    w.end_row();
  }
  EXPECT_EQ(w.finish(), static_cast<std::int64_t>(texts.size()));
  const auto t = conn_->query("SELECT id, s, d, n FROM c ORDER BY id");
  ASSERT_EQ(t.rows.size(), texts.size());
  for (std::size_t i = 0; i < texts.size(); ++i) {
    EXPECT_EQ(t.rows[i][1], texts[i]) << "row " << i;
    if (i % 2) {
      EXPECT_EQ(t.rows[i][2], Value{269.58322 * static_cast<double>(i)});
    } else {
      EXPECT_TRUE(is_null(t.rows[i][2]));
    }
    EXPECT_EQ(is_null(t.rows[i][3]), i % 3 == 0);
  }
}

TEST_F(PgCopyTest, RowsOfValues) {
  CopyWriter w(*conn_, "COPY c (id, s, d, n) FROM STDIN");
  const std::vector<Value> row = {Value{std::int64_t{7}}, Value{"x"s}, Value{0.1}, Value{}};
  w.row(row);
  EXPECT_EQ(w.finish(), 1);
  EXPECT_EQ(conn_->query("SELECT d FROM c").rows.at(0).at(0), Value{0.1});
}

TEST_F(PgCopyTest, BinaryRowsOfEveryTypeRoundTripExactly) {
  conn_->execute_script(
      "SET TIME ZONE 'UTC'; DROP TABLE IF EXISTS b; CREATE TABLE b (id bigint, i integer, "
      "si smallint, f boolean, d double precision, s character varying(64), t timestamptz)");
  const std::vector<CopyType> types = {CopyType::int8,       CopyType::int4,   CopyType::int2,
                                       CopyType::boolean,    CopyType::float8, CopyType::text,
                                       CopyType::timestamptz};
  const std::string copy = "COPY b (id, i, si, f, d, s, t) FROM STDIN (FORMAT binary)";
  CopyWriter w(*conn_, copy, types, /*buffer_bytes=*/16);  // tiny: many sends
  w.integer(std::int64_t{-9007199254740993});
  w.integer(std::int64_t{-2147483648});
  w.integer(std::int64_t{32767});
  w.integer(std::int64_t{1});
  w.real(269.58322);
  w.text("tab\t\\N back\\slash Beyonc\xc3\xa9");
  w.text("2018-11-01 21:17:33.796");
  w.end_row();
  for (int field = 0; field < 7; ++field)
    w.null();
  w.end_row();
  EXPECT_EQ(w.finish(), 2);

  CopyRows rows(types);  // the same through copy_rows, from rows made in memory
  rows.integer(std::int64_t{3});
  rows.integer(std::int64_t{0});
  rows.integer(std::int64_t{-1});
  rows.integer(std::int64_t{0});
  rows.real(-0.5);
  rows.text("");
  rows.text("1970-01-01 00:00:00");
  rows.end_row();
  EXPECT_EQ(copy_rows(*conn_, copy, rows), 1);

  const auto t = conn_->query(
      "SELECT id::text, i::text, si::text, f::text, d::text, s, t::text FROM b ORDER BY id");
  ASSERT_EQ(t.rows.size(), 3u);
  const std::vector<Value> first = {Value{"-9007199254740993"s},
                                    Value{"-2147483648"s},
                                    Value{"32767"s},
                                    Value{"true"s},
                                    Value{"269.58322"s},
                                    Value{"tab\t\\N back\\slash Beyonc\xc3\xa9"s},
                                    Value{"2018-11-01 21:17:33.796+00"s}};
  EXPECT_EQ(t.rows[0], first);
  const std::vector<Value> third = {Value{"3"s},
                                    Value{"0"s},
                                    Value{"-1"s},
                                    Value{"false"s},
                                    Value{"-0.5"s},
                                    Value{""s},
                                    Value{"1970-01-01 00:00:00+00"s}};
  EXPECT_EQ(t.rows[1], third);
  for (const auto& v : t.rows[2])
    EXPECT_TRUE(is_null(v));
}

TEST_F(PgCopyTest, BulkCopyIsFast) {
  constexpr std::int64_t kRows = 200000;
  const auto start = std::chrono::steady_clock::now();
  conn_->begin();
  CopyWriter w(*conn_, "COPY c (id, s, d, n) FROM STDIN");
  for (std::int64_t i = 0; i < kRows; ++i) {
    w.integer(i);
    w.text("Mozilla/5.0 (Windows NT 6.1; WOW64) AppleWebKit/537.36 \"Chrome/36\"\tx");
    w.real(static_cast<double>(i) * 0.25);
    w.null();
    w.end_row();
  }
  EXPECT_EQ(w.finish(), kRows);
  conn_->commit();
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::fprintf(stderr, "[pg] COPY of %lld rows: %.3f s, %.0f rows/s\n",
               static_cast<long long>(kRows), seconds, static_cast<double>(kRows) / seconds);
  EXPECT_EQ(count(), kRows);
}

TEST_F(PgCopyTest, ServerRejectionThrowsAndNothingIsStored) {
  conn_->begin();
  {
    CopyWriter w(*conn_, "COPY c (id, s, d, n) FROM STDIN");
    for (std::int64_t id : {1, 2, 1}) {  // duplicate key
      w.integer(id);
      w.text("x");
      w.null();
      w.null();
      w.end_row();
    }
    EXPECT_THROW(w.finish(), WarehouseError);
  }
  conn_->rollback();
  EXPECT_EQ(count(), 0);
  // Bad data for the column type is an error too.
  CopyWriter w(*conn_, "COPY c (id, s, d, n) FROM STDIN");
  w.text("not a number");
  w.null();
  w.null();
  w.null();
  w.end_row();
  EXPECT_THROW(w.finish(), WarehouseError);
  EXPECT_EQ(count(), 0);
}

TEST_F(PgCopyTest, UnfinishedCopyIsAbortedAndConnectionStaysUsable) {
  {
    CopyWriter w(*conn_, "COPY c (id, s, d, n) FROM STDIN");
    w.integer(1);
    w.text("x");
    w.null();
    w.null();
    w.end_row();
  }  // destroyed without finish()
  EXPECT_EQ(count(), 0);
  {
    CopyWriter w(*conn_, "COPY c (id, s, d, n) FROM STDIN");
    w.integer(2);
    EXPECT_THROW(w.text("nul\0byte"s), WarehouseError);
  }
  EXPECT_EQ(count(), 0);
}

TEST_F(PgCopyTest, LostConnectionMidCopyIsUnavailable) {
  Connection admin(*conninfo_);
  conn_->begin();
  CopyWriter w(*conn_, "COPY c (id, s, d, n) FROM STDIN", 4096);
  for (std::int64_t i = 0; i < 1000; ++i) {
    w.integer(i);
    w.text("before");
    w.null();
    w.null();
    w.end_row();
  }
  admin.query("SELECT pg_terminate_backend($1::int)", {Value{std::int64_t{conn_->backend_pid()}}});
  const auto kind = [&] {
    try {
      for (std::int64_t i = 1000; i < 200000; ++i) {
        w.integer(i);
        w.text("after");
        w.null();
        w.null();
        w.end_row();
      }
      w.finish();
    } catch (const WarehouseUnavailable&) {
      return 2;
    } catch (const WarehouseError&) {
      return 1;
    }
    return 0;
  }();
  EXPECT_EQ(kind, 2);
  EXPECT_EQ(to_int(admin.query("SELECT count(*) FROM c").rows.at(0).at(0)), 0);
}

}  // namespace
}  // namespace sparkify::pg
