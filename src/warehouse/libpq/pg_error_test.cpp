#include "warehouse/libpq/pg_error.hpp"

#include <gtest/gtest.h>

#include "warehouse/warehouse.hpp"

namespace sparkify::pg {
namespace {

TEST(PgErrorClassify, LostConnectionIsUnavailable) {
  EXPECT_EQ(classify("", false), ErrorKind::kUnavailable);
  EXPECT_EQ(classify("42601", false), ErrorKind::kUnavailable);
  EXPECT_EQ(classify("08006", true), ErrorKind::kUnavailable);
  EXPECT_EQ(classify("08001", true), ErrorKind::kUnavailable);
  EXPECT_EQ(classify("57P01", true), ErrorKind::kUnavailable);
  EXPECT_EQ(classify("57P02", true), ErrorKind::kUnavailable);
  EXPECT_EQ(classify("57P03", true), ErrorKind::kUnavailable);
}

TEST(PgErrorClassify, ContentionIsBusy) {
  EXPECT_EQ(classify("55P03", true), ErrorKind::kBusy);
  EXPECT_EQ(classify("40001", true), ErrorKind::kBusy);
  EXPECT_EQ(classify("40P01", true), ErrorKind::kBusy);
}

TEST(PgErrorClassify, EverythingElseIsAnError) {
  EXPECT_EQ(classify("42601", true), ErrorKind::kError);  // syntax error
  EXPECT_EQ(classify("23505", true), ErrorKind::kError);  // unique violation
  EXPECT_EQ(classify("22P02", true), ErrorKind::kError);  // bad text representation
  EXPECT_EQ(classify("57014", true), ErrorKind::kError);  // query canceled
  EXPECT_EQ(classify("", true), ErrorKind::kError);
}

TEST(PgErrorThrow, ThrowsTheMatchingClass) {
  EXPECT_THROW(throw_error(ErrorKind::kBusy, "b"), WarehouseBusy);
  EXPECT_THROW(throw_error(ErrorKind::kUnavailable, "u"), WarehouseUnavailable);
  try {
    throw_error(ErrorKind::kError, "e");
    FAIL();
  } catch (const WarehouseBusy&) {
    FAIL() << "not busy";
  } catch (const WarehouseUnavailable&) {
    FAIL() << "not unavailable";
  } catch (const WarehouseError& e) {
    EXPECT_STREQ(e.what(), "e");
  }
}

}  // namespace
}  // namespace sparkify::pg
