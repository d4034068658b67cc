#include "server/metrics.hpp"

#include <gtest/gtest.h>

namespace sparkify {
namespace {

TEST(DurationHistogram, RendersCumulativeBucketsAndWeightedCounts) {
  DurationHistogram h(DurationHistogram::kDelayBuckets);
  h.observe(0.3, 40);  // 40 rows acknowledged 0.3 s before their transform
  h.observe(1.2, 10);
  std::string out;
  h.render(out, "x_seconds", "");
  EXPECT_NE(out.find("x_seconds_bucket{le=\"0.25\"} 0\n"), std::string::npos) << out;
  EXPECT_NE(out.find("x_seconds_bucket{le=\"0.5\"} 40\n"), std::string::npos) << out;
  EXPECT_NE(out.find("x_seconds_bucket{le=\"1.5\"} 50\n"), std::string::npos) << out;
  EXPECT_NE(out.find("x_seconds_bucket{le=\"+Inf\"} 50\n"), std::string::npos) << out;
  EXPECT_NE(out.find("x_seconds_sum 24\n"), std::string::npos) << out;
  EXPECT_NE(out.find("x_seconds_count 50\n"), std::string::npos) << out;
}

TEST(DurationHistogram, SummaryGivesBucketBoundsOfTheQuantiles) {
  DurationHistogram h(DurationHistogram::kDelayBuckets);
  EXPECT_EQ(h.summary().count, 0u);
  h.observe(0.3, 98);
  h.observe(1.2, 1);
  h.observe(70.0, 1);  // past the last bucket
  const auto s = h.summary();
  EXPECT_EQ(s.count, 100u);
  EXPECT_DOUBLE_EQ(s.p50, 0.5);
  EXPECT_DOUBLE_EQ(s.p99, 1.5);
  EXPECT_DOUBLE_EQ(s.max, 70.0);
  h.observe(70.0, 10);
  EXPECT_DOUBLE_EQ(h.summary().p99, 70.0);
  // A bound is never above the largest observation.
  DurationHistogram one(DurationHistogram::kDelayBuckets);
  one.observe(0.6);
  EXPECT_DOUBLE_EQ(one.summary().p99, 0.6);
}

}  // namespace
}  // namespace sparkify
