#include "source/s3/config.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "source/source.hpp"

namespace sparkify::s3 {
namespace {

namespace fs = std::filesystem;

class ConfigTest : public testing::Test {
 protected:
  void SetUp() override {
    home_ =
        fs::temp_directory_path() / ("sparkify-s3-config-" + std::to_string(::getpid()) + "-" +
                                     testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::create_directories(home_ / ".aws");
  }
  void TearDown() override { fs::remove_all(home_); }

  void write(const fs::path& path, const std::string& text) {
    fs::create_directories(path.parent_path());
    std::ofstream(path) << text;
  }
  Environment env(std::map<std::string, std::string, std::less<>> variables) {
    variables.emplace("HOME", home_.string());
    return environment_from(std::move(variables));
  }

  fs::path home_;
};

TEST_F(ConfigTest, EnvironmentKeysWithSessionToken) {
  const S3Config config = resolve_config({}, env({{"AWS_ACCESS_KEY_ID", "AKIDENV"},
                                                  {"AWS_SECRET_ACCESS_KEY", "envsecret"},
                                                  {"AWS_SESSION_TOKEN", "envtoken"},
                                                  {"AWS_DEFAULT_REGION", "eu-west-1"}}));
  ASSERT_TRUE(config.credentials);
  EXPECT_EQ(config.credentials->access_key_id, "AKIDENV");
  EXPECT_EQ(config.credentials->secret_access_key, "envsecret");
  EXPECT_EQ(config.credentials->session_token, "envtoken");
  EXPECT_EQ(config.region, "eu-west-1");
  EXPECT_EQ(config.endpoint(), "https://s3.eu-west-1.amazonaws.com");
  EXPECT_FALSE(config.path_style("udacity-dend"));
  EXPECT_TRUE(config.path_style("dotted.bucket.name"));  // virtual hosts break TLS with dots
}

TEST_F(ConfigTest, AwsRegionBeatsAwsDefaultRegionAndOptionBeatsBoth) {
  auto environment = env({{"AWS_ACCESS_KEY_ID", "A"},
                          {"AWS_SECRET_ACCESS_KEY", "S"},
                          {"AWS_REGION", "us-west-2"},
                          {"AWS_DEFAULT_REGION", "eu-west-1"}});
  EXPECT_EQ(resolve_config({}, environment).region, "us-west-2");
  EXPECT_EQ(resolve_config({.region = "ap-south-1"}, environment).region, "ap-south-1");
}

TEST_F(ConfigTest, DefaultProfileFromSharedFiles) {
  write(home_ / ".aws/credentials",
        "# comment\n[default]\naws_access_key_id = AKIDFILE\naws_secret_access_key = filesecret\n"
        "[other]\naws_access_key_id=X\naws_secret_access_key=Y\n");
  write(home_ / ".aws/config", "[default]\nregion = eu-central-1\n");
  const S3Config config = resolve_config({}, env({}));
  ASSERT_TRUE(config.credentials);
  EXPECT_EQ(config.credentials->access_key_id, "AKIDFILE");
  EXPECT_EQ(config.credentials->secret_access_key, "filesecret");
  EXPECT_EQ(config.credentials->session_token, "");
  EXPECT_EQ(config.region, "eu-central-1");
  EXPECT_NE(config.credentials_source.find("profile default"), std::string::npos);
}

TEST_F(ConfigTest, NamedProfileUsesProfileSectionOfConfigAndNestedS3Settings) {
  write(home_ / ".aws/credentials",
        "[dev]\naws_access_key_id = AKIDDEV\naws_secret_access_key = devsecret\n"
        "aws_session_token = devtoken\n");
  write(home_ / ".aws/config",
        "[default]\nregion = us-east-1\n[profile dev]\nregion = eu-north-1\ns3 =\n"
        "  addressing_style = path\n  endpoint_url = http://127.0.0.1:9000\n");
  const S3Config config = resolve_config({}, env({{"AWS_PROFILE", "dev"}}));
  ASSERT_TRUE(config.credentials);
  EXPECT_EQ(config.credentials->access_key_id, "AKIDDEV");
  EXPECT_EQ(config.credentials->session_token, "devtoken");
  EXPECT_EQ(config.region, "eu-north-1");
  EXPECT_EQ(config.endpoint(), "http://127.0.0.1:9000");
  EXPECT_TRUE(config.path_style("bucket"));
}

TEST_F(ConfigTest, EnvironmentKeysBeatAwsProfileButNotAnExplicitProfile) {
  write(home_ / ".aws/credentials",
        "[dev]\naws_access_key_id = AKIDDEV\naws_secret_access_key = devsecret\n");
  auto environment = env({{"AWS_PROFILE", "dev"},
                          {"AWS_ACCESS_KEY_ID", "AKIDENV"},
                          {"AWS_SECRET_ACCESS_KEY", "envsecret"}});
  EXPECT_EQ(resolve_config({}, environment).credentials->access_key_id, "AKIDENV");
  EXPECT_EQ(resolve_config({.profile = "dev"}, environment).credentials->access_key_id, "AKIDDEV");
}

TEST_F(ConfigTest, FileLocationsFromEnvironment) {
  write(home_ / "elsewhere/creds", "[default]\naws_access_key_id=AKIDX\naws_secret_access_key=s\n");
  write(home_ / "elsewhere/conf", "[default]\nregion=sa-east-1\n");
  const S3Config config =
      resolve_config({}, env({{"AWS_SHARED_CREDENTIALS_FILE", (home_ / "elsewhere/creds").string()},
                              {"AWS_CONFIG_FILE", (home_ / "elsewhere/conf").string()}}));
  EXPECT_EQ(config.credentials->access_key_id, "AKIDX");
  EXPECT_EQ(config.region, "sa-east-1");
}

TEST_F(ConfigTest, EndpointUrlMeansPathStyleAndOptionBeatsEnvironment) {
  auto environment = env({{"AWS_ACCESS_KEY_ID", "A"},
                          {"AWS_SECRET_ACCESS_KEY", "S"},
                          {"AWS_ENDPOINT_URL", "http://localhost:4568/"}});
  const S3Config from_env = resolve_config({}, environment);
  EXPECT_EQ(from_env.endpoint(), "http://localhost:4568");
  EXPECT_TRUE(from_env.path_style("bucket"));
  const S3Config from_option =
      resolve_config({.endpoint_url = "https://minio.example:9443"}, environment);
  EXPECT_EQ(from_option.scheme, "https");
  EXPECT_EQ(from_option.host, "minio.example");
  EXPECT_EQ(from_option.port, 9443);
  EXPECT_FALSE(
      resolve_config({.addressing = Addressing::kVirtualHost}, environment).path_style("bucket"));
  EXPECT_THROW(resolve_config({.endpoint_url = "minio:9000"}, environment), SourceError);
  EXPECT_THROW(resolve_config({.endpoint_url = "http://h:99999"}, environment), SourceError);
}

TEST_F(ConfigTest, NoSignRequestNeedsNoCredentials) {
  const S3Config config = resolve_config({.no_sign_request = true}, env({}));
  EXPECT_FALSE(config.credentials);
  EXPECT_EQ(config.region, "us-east-1");
}

TEST_F(ConfigTest, ClearErrorsWithoutSecrets) {
  try {
    resolve_config({}, env({}));
    FAIL() << "expected an error";
  } catch (const SourceError& error) {
    EXPECT_NE(std::string(error.what()).find("no AWS credentials found"), std::string::npos);
  }
  try {
    resolve_config({}, env({{"AWS_ACCESS_KEY_ID", "AKIDONLY"}}));
    FAIL() << "expected an error";
  } catch (const SourceError& error) {
    EXPECT_NE(std::string(error.what()).find("AWS_SECRET_ACCESS_KEY is not set"),
              std::string::npos);
  }
  try {
    resolve_config({}, env({{"AWS_PROFILE", "missing"}}));
    FAIL() << "expected an error";
  } catch (const SourceError& error) {
    EXPECT_NE(std::string(error.what()).find("profile \"missing\" was not found"),
              std::string::npos);
  }
}

TEST(Config, MaskKeyIdShowsOnlyTheLastFourCharacters) {
  EXPECT_EQ(mask_key_id("AKIAIOSFODNN7EXAMPLE"), "****************MPLE");
  EXPECT_EQ(mask_key_id("abc"), "****");
}

TEST(Config, ParseIniHandlesCommentsCaseAndNesting) {
  const IniFile ini = parse_aws_ini(
      "; top\n[profile x]\r\nRegion = eu-west-1\r\n# c\ns3 =\n  max_concurrent_requests = 20\n"
      "output=json\n");
  const auto& section = ini.at("profile x");
  EXPECT_EQ(section.at("region"), "eu-west-1");
  EXPECT_EQ(section.at("s3.max_concurrent_requests"), "20");
  EXPECT_EQ(section.at("output"), "json");
}

TEST(Config, ParseAwsIniMergesRepeatsAndTheLastValueWins) {
  const IniFile ini = parse_aws_ini(
      "\xEF\xBB\xBF[default]\nAWS_Access_Key_ID = a\nregion = r1\n[Dev]\nregion = d\n[default]\n"
      "region = r2\n");
  EXPECT_EQ(ini.at("default").at("aws_access_key_id"), "a");
  EXPECT_EQ(ini.at("default").at("region"), "r2");
  EXPECT_EQ(ini.at("Dev").at("region"), "d");  // section names keep their case
  EXPECT_EQ(ini.count("dev"), 0U);
}

}  // namespace
}  // namespace sparkify::s3
