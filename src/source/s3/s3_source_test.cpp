#include "source/s3/s3_source.hpp"

#include <gtest/gtest.h>

namespace sparkify::s3 {
namespace {

TEST(S3Url, ParsesBucketAndFolderPrefix) {
  const S3Url url = parse_s3_url("s3://udacity-dend/song_data");
  EXPECT_EQ(url.bucket, "udacity-dend");
  EXPECT_EQ(url.prefix, "song_data/");
  EXPECT_EQ(url.to_string(), "s3://udacity-dend/song_data/");
  EXPECT_EQ(parse_s3_url("s3://bucket").prefix, "");
  EXPECT_EQ(parse_s3_url("s3://bucket/").prefix, "");
  EXPECT_EQ(parse_s3_url("s3://bucket/log_data/2018/").prefix, "log_data/2018/");
  EXPECT_EQ(parse_s3_url("s3://my.bucket-1/a b/").prefix, "a b/");
}

TEST(S3Url, RejectsWhatIsNotAnS3Url) {
  EXPECT_TRUE(is_s3_url("s3://b/x"));
  EXPECT_FALSE(is_s3_url("data/sample"));
  EXPECT_THROW(parse_s3_url("data/sample"), SourceError);
  EXPECT_THROW(parse_s3_url("https://bucket/x"), SourceError);
  EXPECT_THROW(parse_s3_url("s3://"), SourceError);
  EXPECT_THROW(parse_s3_url("s3:///prefix"), SourceError);
  EXPECT_THROW(parse_s3_url("s3://ab/x"), SourceError);  // too short for a bucket
  EXPECT_THROW(parse_s3_url("s3://bad bucket/x"), SourceError);
}

TEST(S3Source, DescribeNamesEndpointAndCredentialSourceButNoSecret) {
  const auto source =
      make_s3_source("s3://bucket/song_data", {.endpoint_url = "http://127.0.0.1:9"},
                     environment_from({{"AWS_ACCESS_KEY_ID", "AKIDEXAMPLE1234"},
                                       {"AWS_SECRET_ACCESS_KEY", "verysecretvalue"},
                                       {"AWS_SESSION_TOKEN", "tokentokentoken"}}));
  const std::string text = source->describe();
  EXPECT_NE(text.find("s3://bucket/song_data/"), std::string::npos) << text;
  EXPECT_NE(text.find("http://127.0.0.1:9"), std::string::npos) << text;
  EXPECT_NE(text.find("path-style"), std::string::npos) << text;
  EXPECT_NE(text.find("1234"), std::string::npos) << text;
  EXPECT_EQ(text.find("AKIDEXAMPLE"), std::string::npos) << text;
  EXPECT_EQ(text.find("verysecretvalue"), std::string::npos) << text;
  EXPECT_EQ(text.find("tokentokentoken"), std::string::npos) << text;
}

TEST(S3Source, NetworkFailureAfterRetriesNamesTheUrl) {
  // Port 9 on loopback: nothing listens, so every attempt is refused.
  const auto source = make_s3_source(
      "s3://bucket/x",
      {.endpoint_url = "http://127.0.0.1:9",
       .max_retries = 2,
       .retry_base_delay = std::chrono::milliseconds(1)},
      environment_from({{"AWS_ACCESS_KEY_ID", "AKID"}, {"AWS_SECRET_ACCESS_KEY", "secret"}}));
  try {
    source->list();
    FAIL() << "expected a network error";
  } catch (const S3Error& error) {
    EXPECT_EQ(error.kind(), S3Error::Kind::kNetwork);
    const std::string text = error.what();
    EXPECT_NE(text.find("http://127.0.0.1:9/bucket"), std::string::npos) << text;
    EXPECT_NE(text.find("after 3 attempts"), std::string::npos) << text;
    EXPECT_EQ(text.find("secret"), std::string::npos) << text;
  }
  EXPECT_EQ(source->stats().requests, 3U);
  EXPECT_EQ(source->stats().retries, 2U);
}

TEST(S3Client, BackoffIsFullJitterUnderACap) {
  using std::chrono::milliseconds;
  EXPECT_EQ(backoff_delay(0, milliseconds(100), milliseconds(20'000), 1.0), milliseconds(100));
  EXPECT_EQ(backoff_delay(3, milliseconds(100), milliseconds(20'000), 1.0), milliseconds(800));
  EXPECT_EQ(backoff_delay(3, milliseconds(100), milliseconds(20'000), 0.5), milliseconds(400));
  EXPECT_EQ(backoff_delay(3, milliseconds(100), milliseconds(20'000), 0.0), milliseconds(0));
  EXPECT_EQ(backoff_delay(20, milliseconds(100), milliseconds(20'000), 1.0), milliseconds(20'000));
  EXPECT_EQ(backoff_delay(1000, milliseconds(100), milliseconds(5'000), 1.0), milliseconds(5'000));
}

TEST(S3Client, ParsesListObjectsV2) {
  const ListPage page = parse_list_objects_v2(
      R"(<?xml version="1.0" encoding="UTF-8"?>
<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
  <Name>b</Name><Prefix>song_data/</Prefix><KeyCount>2</KeyCount><MaxKeys>2</MaxKeys>
  <EncodingType>url</EncodingType><IsTruncated>true</IsTruncated>
  <NextContinuationToken>1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM=</NextContinuationToken>
  <Contents><Key>song_data/A/a+b%2B%C3%BC.json</Key><LastModified>2019-04-01T00:00:00.000Z</LastModified>
    <ETag>&quot;9b2cf535f27731c974343645a3985328&quot;</ETag><Size>245</Size><StorageClass>STANDARD</StorageClass></Contents>
  <Contents><Key>song_data/B/x.json</Key><ETag>"abc-2"</ETag><Size>5000000000</Size></Contents>
</ListBucketResult>)");
  EXPECT_TRUE(page.truncated);
  EXPECT_EQ(page.next_continuation_token, "1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM=");
  ASSERT_EQ(page.objects.size(), 2U);
  EXPECT_EQ(page.objects[0].key, "song_data/A/a b+\xc3\xbc.json");
  EXPECT_EQ(page.objects[0].etag, "9b2cf535f27731c974343645a3985328");
  EXPECT_EQ(page.objects[0].size, 245U);
  EXPECT_EQ(page.objects[1].etag, "abc-2");
  EXPECT_EQ(page.objects[1].size, 5'000'000'000U);
  EXPECT_THROW(parse_list_objects_v2("<Error><Code>x</Code></Error>"), S3Error);
  EXPECT_THROW(parse_list_objects_v2("not xml"), S3Error);
}

TEST(S3Client, KeysWithoutEncodingTypeAreTakenLiterally) {
  const ListPage page = parse_list_objects_v2(
      "<ListBucketResult><IsTruncated>false</IsTruncated><Contents><Key>a+b%20.json</Key>"
      "<ETag>\"e\"</ETag><Size>1</Size></Contents></ListBucketResult>");
  ASSERT_EQ(page.objects.size(), 1U);
  EXPECT_EQ(page.objects[0].key, "a+b%20.json");
  EXPECT_FALSE(page.truncated);
}

TEST(S3Client, BucketLocationNamesTheRegion) {
  EXPECT_EQ(parse_bucket_location("<LocationConstraint xmlns=\"http://s3.amazonaws.com/doc/"
                                  "2006-03-01/\">us-west-2</LocationConstraint>"),
            "us-west-2");
  // us-east-1 answers with an empty constraint; the legacy "EU" is eu-west-1.
  EXPECT_EQ(parse_bucket_location("<LocationConstraint/>"), "us-east-1");
  EXPECT_EQ(parse_bucket_location("<LocationConstraint>EU</LocationConstraint>"), "eu-west-1");
  EXPECT_THROW(parse_bucket_location("<Error><Code>x</Code></Error>"), S3Error);
}

}  // namespace
}  // namespace sparkify::s3
