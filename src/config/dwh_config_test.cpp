#include "config/dwh_config.hpp"

#include <gtest/gtest.h>

#include <fstream>

namespace sparkify::config {
namespace {

// The prototype's file as the project shipped it, with values filled in.
constexpr std::string_view kPrototype =
    "[CLUSTER]\n"
    "HOST='dwhcluster.abc123xyz.us-west-2.redshift.amazonaws.com'\n"
    "DB_NAME='sparkify'\n"
    "DB_USER='dwhuser'\n"
    "DB_PASSWORD='Passw0rd'\n"
    "DB_PORT='5439'\n"
    "\n"
    "[IAM_ROLE]\n"
    "ARN='arn:aws:iam::123456789012:role/dwhRole'\n"
    "\n"
    "[S3]\n"
    "LOG_DATA='s3://udacity-dend/log_data'\n"
    "LOG_JSONPATH='s3://udacity-dend/log_json_path.json'\n"
    "SONG_DATA='s3://udacity-dend/song_data'";  // no final newline, as saved by many editors

std::string all_messages(const std::vector<Issue>& issues) {
  std::string out;
  for (const auto& i : issues)
    out += i.text() + "\n";
  return out;
}

TEST(DwhConfig, ReadsThePrototypeFileAsIs) {
  const auto r = parse_config(kPrototype, "dwh.cfg");
  ASSERT_TRUE(r.ok()) << all_messages(r.errors);
  EXPECT_TRUE(r.warnings.empty()) << all_messages(r.warnings);
  const auto& c = *r.config;
  ASSERT_TRUE(c.cluster);
  EXPECT_EQ(c.cluster->host, "dwhcluster.abc123xyz.us-west-2.redshift.amazonaws.com");
  EXPECT_EQ(c.cluster->db_name, "sparkify");
  EXPECT_EQ(c.cluster->db_user, "dwhuser");
  EXPECT_EQ(c.cluster->db_password, "Passw0rd");
  EXPECT_EQ(c.cluster->db_port, 5439);
  ASSERT_TRUE(c.iam_role);
  EXPECT_EQ(c.iam_role->arn, "arn:aws:iam::123456789012:role/dwhRole");
  ASSERT_TRUE(c.s3);
  EXPECT_EQ(c.s3->log_data, "s3://udacity-dend/log_data");
  EXPECT_EQ(c.s3->log_jsonpath, "s3://udacity-dend/log_json_path.json");
  EXPECT_EQ(c.s3->song_data, "s3://udacity-dend/song_data");
}

TEST(DwhConfig, TheUnfilledTemplateMeansNotSet) {
  const auto r = parse_config(
      "[CLUSTER]\nHOST=''\nDB_NAME=''\nDB_USER=''\nDB_PASSWORD=''\nDB_PORT=5439\n", "dwh.cfg");
  ASSERT_TRUE(r.ok()) << all_messages(r.errors);
  EXPECT_FALSE(r.config->cluster->host);
  EXPECT_FALSE(r.config->cluster->db_password);
  EXPECT_EQ(r.config->cluster->db_port, 5439);
  EXPECT_FALSE(r.config->s3);
  EXPECT_FALSE(r.config->iam_role);
}

TEST(DwhConfig, Quoting) {
  const auto r = parse_config(
      "[CLUSTER]\n"
      "HOST=\"localhost\"\n"
      "DB_NAME=unquoted value # stays\n"
      "DB_USER='it''s'\n",
      "q.cfg");
  // 'it''s' is not valid: text follows the closing quote.
  ASSERT_FALSE(r.ok());
  const auto r2 = parse_config(
      "[CLUSTER]\n"
      "HOST=\"localhost\"   # a comment after a quoted value\n"
      "DB_NAME=unquoted value # stays\n"
      "DB_USER='O\\'Neil'\n"
      "DB_PASSWORD='p#ss; w=rd \\\\ \"x\"'\n"
      "DB_PORT=5432\n",
      "q.cfg");
  ASSERT_TRUE(r2.ok()) << all_messages(r2.errors);
  const auto& c = *r2.config->cluster;
  EXPECT_EQ(c.host, "localhost");
  EXPECT_EQ(c.db_name, "unquoted value # stays");  // configparser keeps inline text
  EXPECT_EQ(c.db_user, "O'Neil");
  EXPECT_EQ(c.db_password, "p#ss; w=rd \\ \"x\"");
}

TEST(DwhConfig, MissingKeyNamesTheKeyFileAndLine) {
  const auto r = parse_config(
      "# dwh\n[CLUSTER]\nHOST=h\nDB_NAME=d\nDB_USER=u\nDB_PORT=5439\n[S3]\nLOG_DATA=x\n", "my.cfg");
  EXPECT_FALSE(r.ok());
  EXPECT_FALSE(r.config);
  ASSERT_EQ(r.errors.size(), 3u) << all_messages(r.errors);
  EXPECT_EQ(r.errors[0].text(), "my.cfg:2: section [CLUSTER] has no key DB_PASSWORD");
  EXPECT_EQ(r.errors[1].text(), "my.cfg:7: section [S3] has no key LOG_JSONPATH");
  EXPECT_EQ(r.errors[2].text(), "my.cfg:7: section [S3] has no key SONG_DATA");
}

TEST(DwhConfig, UnknownSectionsAndKeysAreWarnings) {
  const auto r = parse_config(
      "[AWS]\nKEY=AKIAEXAMPLE\nSECRET=VerySecretValue\n"
      "[DWH]\nDWH_CLUSTER_TYPE=multi-node\n"
      "[IAM_ROLE]\nARN=arn:aws:iam::1:role/r\nREGION=us-west-2\n",
      "dwh.cfg");
  ASSERT_TRUE(r.ok()) << all_messages(r.errors);
  ASSERT_EQ(r.warnings.size(), 3u);
  EXPECT_EQ(r.warnings[0].text(), "dwh.cfg:1: unknown section [AWS] ignored");
  EXPECT_EQ(r.warnings[1].text(), "dwh.cfg:4: unknown section [DWH] ignored");
  EXPECT_EQ(r.warnings[2].text(), "dwh.cfg:8: unknown key REGION in [IAM_ROLE] ignored");
  EXPECT_EQ(all_messages(r.warnings).find("VerySecretValue"), std::string::npos);
}

TEST(DwhConfig, WhitespaceCaseAndColons) {
  const auto r = parse_config(
      "  [ cluster ]  \n"
      "\thost   =   h  \n"
      "Db_Name:d\n"
      "  db_user = u\n"
      "   ; comment\n"
      "DB_PASSWORD = 'with spaces  '\n"
      "db_port= 5439\n",
      "ws.cfg");
  ASSERT_TRUE(r.ok()) << all_messages(r.errors);
  EXPECT_EQ(r.config->cluster->host, "h");
  EXPECT_EQ(r.config->cluster->db_name, "d");
  EXPECT_EQ(r.config->cluster->db_user, "u");
  EXPECT_EQ(r.config->cluster->db_password, "with spaces  ");
  EXPECT_EQ(r.config->cluster->db_port, 5439);
}

TEST(DwhConfig, CrlfAndByteOrderMark) {
  const auto r = parse_config(
      "\xEF\xBB\xBF[IAM_ROLE]\r\nARN='arn:aws:iam::1:role/r'\r\n\r\n[S3]\r\nLOG_DATA=a\r\n"
      "LOG_JSONPATH=b\r\nSONG_DATA=c\r\n",
      "win.cfg");
  ASSERT_TRUE(r.ok()) << all_messages(r.errors);
  EXPECT_EQ(r.config->iam_role->arn, "arn:aws:iam::1:role/r");
  EXPECT_EQ(r.config->s3->song_data, "c");
}

TEST(DwhConfig, MalformedLinesAreErrorsThatNeverQuoteValues) {
  const auto r = parse_config(
      "KEY=before section\n"
      "[CLUSTER\n"
      "[CLUSTER]\n"
      "HOST=h\nDB_NAME=d\nDB_USER=u\n"
      "DB_PASSWORD='Unterminated Secret\n"
      "DB_PORT=notaport\n"
      "just text\n"
      "HOST=again\n"
      "[cluster]\n",
      "bad.cfg");
  EXPECT_FALSE(r.ok());
  const auto m = all_messages(r.errors);
  EXPECT_NE(m.find("bad.cfg:1: key KEY comes before any [SECTION]"), std::string::npos) << m;
  EXPECT_NE(m.find("bad.cfg:2: section header without ']'"), std::string::npos) << m;
  EXPECT_NE(m.find("bad.cfg:7: unterminated quoted value for key DB_PASSWORD"), std::string::npos)
      << m;
  EXPECT_NE(m.find("bad.cfg:8: DB_PORT must be a port number"), std::string::npos) << m;
  EXPECT_NE(m.find("bad.cfg:9: expected KEY = VALUE"), std::string::npos) << m;
  EXPECT_NE(m.find("bad.cfg:10: key HOST appears again"), std::string::npos) << m;
  EXPECT_NE(m.find("bad.cfg:11: section [cluster] appears again"), std::string::npos) << m;
  EXPECT_NE(m.find("bad.cfg:3: section [CLUSTER] has no key DB_PASSWORD"), std::string::npos) << m;
  EXPECT_EQ(m.find("Unterminated Secret"), std::string::npos) << m;
}

TEST(DwhConfig, LoadsFilesAndReportsUnreadableOnes) {
  const auto path = std::filesystem::temp_directory_path() / "sparkify_dwh_config_test.cfg";
  {
    std::ofstream out(path, std::ios::binary);
    out << kPrototype;
  }
  const auto r = load_config(path);
  std::filesystem::remove(path);
  ASSERT_TRUE(r.ok()) << all_messages(r.errors);
  EXPECT_EQ(r.config->cluster->db_name, "sparkify");

  const auto missing = load_config("/nonexistent/dwh.cfg");
  EXPECT_FALSE(missing.ok());
  ASSERT_EQ(missing.errors.size(), 1u);
  EXPECT_EQ(missing.errors[0].text(), "/nonexistent/dwh.cfg: cannot read the config file");
}

TEST(DwhConfig, TheShippedExampleParses) {
  const auto r = load_config(std::filesystem::path(SPARKIFY_SOURCE_DIR) / "config/dwh.cfg.example");
  ASSERT_TRUE(r.ok()) << all_messages(r.errors);
  EXPECT_TRUE(r.warnings.empty()) << all_messages(r.warnings);
  EXPECT_TRUE(r.config->cluster && r.config->s3 && r.config->iam_role);
}

TEST(DwhConfig, RedshiftSectionIsOptionalAndChecked) {
  // The prototype's file has no [REDSHIFT]: nothing is set.
  EXPECT_FALSE(parse_config(kPrototype, "dwh.cfg").config->redshift);
  // Every key is optional; values are normalised.
  auto r = parse_config(std::string(kPrototype) +
                            "\n[REDSHIFT]\nSTAGING=Copy\nD_TIME_DISTRIBUTION='KEY(start_time)'\n"
                            "STAGING_URI=s3://bucket/dwh\nMAX_ERRORS=25\n",
                        "dwh.cfg");
  ASSERT_TRUE(r.ok()) << all_messages(r.errors);
  ASSERT_TRUE(r.config->redshift);
  EXPECT_EQ(r.config->redshift->staging, "copy");
  EXPECT_EQ(r.config->redshift->d_time_distribution, "key");
  EXPECT_EQ(r.config->redshift->staging_uri, "s3://bucket/dwh");
  EXPECT_EQ(r.config->redshift->max_errors, 25);
  r = parse_config("[REDSHIFT]\nD_TIME_DISTRIBUTION=all\n", "dwh.cfg");
  ASSERT_TRUE(r.ok()) << all_messages(r.errors);
  EXPECT_FALSE(r.config->redshift->staging);
  EXPECT_EQ(r.config->redshift->d_time_distribution, "all");
  // Bad values are errors naming the key and what is allowed, never the value.
  r = parse_config(
      "[REDSHIFT]\nSTAGING=sometimes\nD_TIME_DISTRIBUTION=EVEN\nSTAGING_URI=/tmp/x\n"
      "MAX_ERRORS=-3\nCOLOUR=blue\n",
      "dwh.cfg");
  EXPECT_FALSE(r.ok());
  const std::string errors = all_messages(r.errors);
  EXPECT_EQ(r.errors.size(), 4u) << errors;
  EXPECT_NE(errors.find("dwh.cfg:2: [REDSHIFT] STAGING must be insert, copy or auto"),
            std::string::npos)
      << errors;
  EXPECT_NE(errors.find("D_TIME_DISTRIBUTION must be ALL or KEY"), std::string::npos) << errors;
  EXPECT_NE(errors.find("STAGING_URI must be an s3://"), std::string::npos) << errors;
  EXPECT_NE(errors.find("MAX_ERRORS must be a whole number"), std::string::npos) << errors;
  for (const char* value : {"sometimes", "EVEN", "/tmp/x", "-3"})
    EXPECT_EQ(errors.find(value), std::string::npos) << value;
  EXPECT_NE(all_messages(r.warnings).find("unknown key COLOUR in [REDSHIFT] ignored"),
            std::string::npos);
  // Redshift refuses a MAXERROR above 100000.
  EXPECT_TRUE(parse_config("[REDSHIFT]\nMAX_ERRORS=100000\n", "dwh.cfg").ok());
  r = parse_config("[REDSHIFT]\nMAX_ERRORS=100001\n", "dwh.cfg");
  ASSERT_EQ(r.errors.size(), 1u);
  EXPECT_NE(r.errors[0].message.find("MAX_ERRORS must be a whole number from 0 to 100000"),
            std::string::npos)
      << r.errors[0].message;
}

}  // namespace
}  // namespace sparkify::config
