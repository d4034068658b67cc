// The Redshift options of the command line, without a cluster: the staging mode
// (flag > [REDSHIFT] STAGING > auto) and its usage errors, and the d_time
// distribution from the config file (flag > [REDSHIFT] D_TIME_DISTRIBUTION > ALL),
// seen through --dry-run and exit codes. Nothing here connects anywhere.
#include <gtest/gtest.h>

#include <fstream>

#include "tests/support/cli_runner.hpp"

namespace sparkify::testing {
namespace {

const std::string kTarget = "redshift://nobody@127.0.0.1:1/none";

std::string write_config(const TempDir& dir, const std::string& text,
                         const std::string& name = "dwh.cfg") {
  const auto path = dir / name;
  std::ofstream(path) << text;
  return path.string();
}

const std::map<std::string, std::string> kNoCredentials = {{"HOME", "/nonexistent"}};

TEST(RedshiftCli, CopyThatIsImpossibleIsAUsageErrorSayingWhy) {
  TempDir dir;
  // Local event logs.
  auto r = run_sparkify({"load", "--target", kTarget, "--redshift-staging", "copy"});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("--redshift-staging: copy is not possible: the event logs must come from "
                       "s3://"),
            std::string::npos)
      << r.err;
  // Event logs on S3 but no [IAM_ROLE] ARN (decided before any credentials are looked for).
  r = run_sparkify({"load", "--target", kTarget, "--redshift-staging", "copy", "--events",
                    "s3://bucket/log_data"},
                   kNoCredentials);
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("[IAM_ROLE] ARN must be set"), std::string::npos) << r.err;
  // Event logs on S3 and a role, but nowhere to write manifests: the event logs' own
  // bucket is not assumed writable.
  const auto role_only = write_config(
      dir,
      "[IAM_ROLE]\nARN=arn:aws:iam::123456789012:role/r\n[S3]\nLOG_DATA=s3://logs/log_data\n"
      "LOG_JSONPATH=\nSONG_DATA=s3://logs/song_data\n",
      "role-only.cfg");
  r = run_sparkify(
      {"load", "--target", kTarget, "--redshift-staging", "copy", "--config", role_only},
      kNoCredentials);
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("copy is not possible: a staging URI must be set (--redshift-staging-uri "
                       "or [REDSHIFT] STAGING_URI)"),
            std::string::npos)
      << r.err;
  // Redshift refuses a MAXERROR above 100000.
  r = run_sparkify({"load", "--target", kTarget, "--redshift-max-errors", "100001"});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("--redshift-max-errors"), std::string::npos) << r.err;
  // The same mode from the config file names the key.
  const auto cfg = write_config(dir, "[REDSHIFT]\nSTAGING=copy\n");
  r = run_sparkify({"load", "--target", kTarget, "--config", cfg});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("[REDSHIFT] STAGING: copy is not possible"), std::string::npos) << r.err;
  // The flag is for Redshift only.
  r = run_sparkify({"load", "--db", (dir / "w.db").string(), "--redshift-staging", "insert"});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("is for the redshift engine"), std::string::npos) << r.err;
  r = run_sparkify({"load", "--target", kTarget, "--redshift-staging", "sometimes"});
  EXPECT_EQ(r.exit_code, 2) << r.err;
}

TEST(RedshiftCli, StagingModeChoosesThePlan) {
  TempDir dir;
  const std::string role_and_logs =
      "[IAM_ROLE]\nARN=arn:aws:iam::123456789012:role/r\n[S3]\nLOG_DATA=s3://logs/log_data\n"
      "LOG_JSONPATH=\nSONG_DATA=s3://logs/song_data\n";
  const auto with_role =
      write_config(dir, role_and_logs + "[REDSHIFT]\nSTAGING_URI=s3://mine/sparkify-dwh\n");
  const auto plan = [&](std::vector<std::string> extra) {
    std::vector<std::string> args = {"load",      "--target", kTarget,
                                     "--dry-run", "--config", with_role};
    args.insert(args.end(), extra.begin(), extra.end());
    const auto r = run_sparkify(args, kNoCredentials);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return r.out;
  };
  // auto (the default): S3 event logs, an IAM role and a staging URI -> COPY.
  const std::string copy = plan({"--redshift-max-errors", "7"});
  EXPECT_NE(copy.find("COPY s_raw_event"), std::string::npos);
  EXPECT_NE(copy.find("FROM 's3://mine/sparkify-dwh/manifests/batch-000000.manifest'"),
            std::string::npos)
      << copy;
  EXPECT_NE(plan({"--redshift-staging-uri", "s3://other/x"})
                .find("FROM 's3://other/x/manifests/batch-000000.manifest'"),
            std::string::npos)
      << "flag --redshift-staging-uri";
  EXPECT_NE(copy.find("MAXERROR 7"), std::string::npos) << "flag --redshift-max-errors";
  EXPECT_EQ(plan({"--redshift-staging", "insert"}).find("COPY s_raw_event"), std::string::npos);
  // auto without a staging URI (config/dwh.cfg.example's case): the client's INSERTs.
  const auto no_uri = write_config(dir, role_and_logs, "no-uri.cfg");
  const auto r =
      run_sparkify({"load", "--target", kTarget, "--dry-run", "--config", no_uri}, kNoCredentials);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.find("COPY s_raw_event"), std::string::npos) << r.out;
  // auto with local event logs: the client's INSERTs.
  EXPECT_EQ(plan({"--events", "data/sample/log_data"}).find("COPY s_raw_event"), std::string::npos);
}

TEST(RedshiftCli, DTimeDistributionFromTheConfigFileUnlessTheFlagSaysOtherwise) {
  TempDir dir;
  const auto cfg = write_config(dir, "[REDSHIFT]\nD_TIME_DISTRIBUTION=KEY\n");
  const auto d_time = [&](std::vector<std::string> extra) {
    std::vector<std::string> args = {"init", "--target", kTarget, "--dry-run"};
    args.insert(args.end(), extra.begin(), extra.end());
    const auto r = run_sparkify(args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    const auto at = r.out.find("CREATE TABLE d_time");
    return at == std::string::npos ? std::string() : r.out.substr(at, r.out.find(';', at) - at);
  };
  EXPECT_NE(d_time({}).find("DISTSTYLE ALL"), std::string::npos);
  EXPECT_NE(d_time({"--config", cfg}).find("DISTKEY (start_time)"), std::string::npos);
  EXPECT_NE(d_time({"--config", cfg, "--redshift-d-time", "ALL"}).find("DISTSTYLE ALL"),
            std::string::npos);
}

}  // namespace
}  // namespace sparkify::testing
