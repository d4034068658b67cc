#include "source/s3/sigv4.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/ascii_text.hpp"

namespace sparkify::s3 {
namespace {

namespace fs = std::filesystem;

const fs::path kSuite = fs::path(SPARKIFY_TEST_DATA) / "aws-sig-v4-test-suite";

// The suite's fixed inputs (see its README/NOTICE).
const Credentials kSuiteCredentials{"AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", ""};
const SigningScope kSuiteScope{"20150830T123600Z", "us-east-1", "service"};

std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw std::runtime_error("cannot read " + path.string());
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// Parses a .req file: "METHOD target HTTP/1.1", headers, an empty line, the body. The target may
// contain spaces (get-space), so the version is what follows the last space. A line that starts
// with whitespace continues the previous header; the suite's expected canonical request
// (get-header-value-multiline) treats each continuation line as one more value of that header.
RequestToSign parse_req(const std::string& text) {
  RequestToSign request;
  std::size_t pos = 0;
  auto next_line = [&](std::string& line) {
    if (pos > text.size())
      return false;
    std::size_t end = text.find('\n', pos);
    if (end == std::string::npos)
      end = text.size();
    line = text.substr(pos, end - pos);
    pos = end + 1;
    return true;
  };
  std::string line;
  next_line(line);
  const auto first_space = line.find(' ');
  const auto last_space = line.rfind(' ');
  request.method = line.substr(0, first_space);
  const std::string target = line.substr(first_space + 1, last_space - first_space - 1);
  const auto question = target.find('?');
  request.path = target.substr(0, question);
  if (question != std::string::npos) {
    std::string_view query = std::string_view(target).substr(question + 1);
    while (!query.empty()) {
      const auto amp = query.find('&');
      const std::string_view pair = query.substr(0, amp);
      const auto eq = pair.find('=');
      request.query.emplace_back(std::string(pair.substr(0, eq)),
                                 eq == std::string_view::npos ? "" : pair.substr(eq + 1));
      query = amp == std::string_view::npos ? "" : query.substr(amp + 1);
    }
  }
  while (next_line(line) && !line.empty()) {
    if (line.front() == ' ' || line.front() == '\t') {
      request.headers.emplace_back(request.headers.back().first, std::string(trim(line, " \t")));
      continue;
    }
    const auto colon = line.find(':');
    request.headers.emplace_back(line.substr(0, colon), line.substr(colon + 1));
  }
  const std::string body = pos < text.size() ? text.substr(pos) : std::string();
  request.payload_hash = sha256_hex(body);
  return request;
}

std::vector<std::string> suite_cases() {
  std::vector<std::string> cases;
  for (const auto& entry : fs::recursive_directory_iterator(kSuite)) {
    if (entry.path().extension() == ".req") {
      cases.push_back(fs::relative(entry.path(), kSuite).replace_extension().string());
    }
  }
  std::sort(cases.begin(), cases.end());
  return cases;
}

TEST(SigV4Suite, EveryVectorIsFound) {
  // The 2015 suite has 31 requests; if the copy loses some, the parameterised test would
  // silently run fewer.
  EXPECT_EQ(suite_cases().size(), 31U);
}

class SigV4SuiteTest : public testing::TestWithParam<std::string> {};

TEST_P(SigV4SuiteTest, MatchesCanonicalRequestStringToSignAndAuthorization) {
  const fs::path base = kSuite / GetParam();
  auto file = [&](const char* extension) {
    fs::path path = base;
    path += extension;
    return slurp(path);
  };
  const RequestToSign request = parse_req(file(".req"));
  const Signature signature =
      sign(request, kSuiteCredentials, kSuiteScope, SigningFlavour::kGeneric);
  EXPECT_EQ(signature.canonical_request, file(".creq"));
  EXPECT_EQ(signature.string_to_sign, file(".sts"));
  EXPECT_EQ(signature.authorization, file(".authz"));
}

std::string case_name(const testing::TestParamInfo<std::string>& info) {
  std::string name = fs::path(info.param).parent_path().string();
  std::replace_if(
      name.begin(), name.end(), [](char c) { return std::isalnum(c) == 0; }, '_');
  return name;
}

INSTANTIATE_TEST_SUITE_P(Official2015, SigV4SuiteTest, testing::ValuesIn(suite_cases()), case_name);

// --- S3-specific cases -------------------------------------------------------------------------

TEST(SigV4, UriEncodingKeepsOnlyUnreservedCharacters) {
  EXPECT_EQ(uri_encode("AZaz09-_.~", true), "AZaz09-_.~");
  EXPECT_EQ(uri_encode("a b+c=d&e/f", true), "a%20b%2Bc%3Dd%26e%2Ff");
  EXPECT_EQ(uri_encode("a b/c", false), "a%20b/c");
  EXPECT_EQ(uri_encode("\xc3\xbc", true), "%C3%BC");  // UTF-8 bytes, upper-case hex
}

TEST(SigV4, S3DoesNotNormaliseThePathButGenericDoes) {
  // An S3 key may contain "//" and "." segments; they are part of the key, so S3 signs the
  // path as sent (the suite's normalize-path notes say so).
  EXPECT_EQ(canonical_uri("/bucket/a//b/./c.json", SigningFlavour::kS3), "/bucket/a//b/./c.json");
  EXPECT_EQ(canonical_uri("/bucket/a//b/./c.json", SigningFlavour::kGeneric), "/bucket/a/b/c.json");
  EXPECT_EQ(canonical_uri("/bucket/song data/Ünïcode+1.json", SigningFlavour::kS3),
            "/bucket/song%20data/%C3%9Cn%C3%AFcode%2B1.json");
}

TEST(SigV4, QueryIsSortedByEncodedNameAndValuesAreEncoded) {
  EXPECT_EQ(canonical_query({{"prefix", "song_data/A"},
                             {"list-type", "2"},
                             {"continuation-token", "a+b/c="},
                             {"max-keys", "7"}}),
            "continuation-token=a%2Bb%2Fc%3D&list-type=2&max-keys=7&prefix=song_data%2FA");
}

// The GetObject example of the S3 API reference ("Signature Calculations for the Authorization
// Header: Transferring Payload in a Single Chunk", example "GET Object"): a documented answer
// computed by AWS, so it checks the S3 flavour end to end.
TEST(SigV4, MatchesTheS3DocumentationGetObjectExample) {
  RequestToSign request;
  request.method = "GET";
  request.path = "/test.txt";
  request.payload_hash = std::string(kEmptyPayloadSha256);
  request.headers = {{"Host", "examplebucket.s3.amazonaws.com"},
                     {"Range", "bytes=0-9"},
                     {"x-amz-content-sha256", std::string(kEmptyPayloadSha256)},
                     {"x-amz-date", "20130524T000000Z"}};
  const Credentials credentials{"AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
                                ""};
  const Signature signature =
      sign(request, credentials, {"20130524T000000Z", "us-east-1", "s3"}, SigningFlavour::kS3);
  EXPECT_EQ(signature.canonical_request,
            "GET\n/test.txt\n\nhost:examplebucket.s3.amazonaws.com\nrange:bytes=0-9\n"
            "x-amz-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
            "\nx-amz-date:20130524T000000Z\n\nhost;range;x-amz-content-sha256;x-amz-date\n"
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(signature.signature,
            "f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
}

// The ListObjects example of the same page ("GET Bucket (List Objects)"): a query string.
TEST(SigV4, MatchesTheS3DocumentationListObjectsExample) {
  RequestToSign request;
  request.method = "GET";
  request.path = "/";
  request.query = {{"max-keys", "2"}, {"prefix", "J"}};
  request.payload_hash = std::string(kEmptyPayloadSha256);
  request.headers = {{"host", "examplebucket.s3.amazonaws.com"},
                     {"x-amz-content-sha256", std::string(kEmptyPayloadSha256)},
                     {"x-amz-date", "20130524T000000Z"}};
  const Credentials credentials{"AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
                                ""};
  const Signature signature =
      sign(request, credentials, {"20130524T000000Z", "us-east-1", "s3"}, SigningFlavour::kS3);
  EXPECT_EQ(signature.signature,
            "34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7");
}

TEST(SigV4, S3AuthHeadersSignPayloadHashAndSessionToken) {
  using namespace std::chrono;
  const auto when = sys_days{year{2015} / 8 / 30} + 12h + 36min;
  const Credentials credentials{"AKIDEXAMPLE", "secret", "TOKEN/with+chars=="};
  const auto headers = s3_auth_headers("GET", "127.0.0.1:9000", "/bucket/a b.json", {},
                                       kUnsignedPayload, credentials, "eu-west-1", when);
  ASSERT_EQ(headers.size(), 4U);
  EXPECT_EQ(headers[0], (Header{"x-amz-content-sha256", "UNSIGNED-PAYLOAD"}));
  EXPECT_EQ(headers[1], (Header{"x-amz-date", "20150830T123600Z"}));
  EXPECT_EQ(headers[2], (Header{"x-amz-security-token", "TOKEN/with+chars=="}));
  EXPECT_EQ(headers[3].first, "Authorization");
  // Recompute independently from the documented steps: same canonical request, same answer.
  RequestToSign request;
  request.method = "GET";
  request.path = "/bucket/a b.json";
  request.payload_hash = "UNSIGNED-PAYLOAD";
  request.headers = {{"host", "127.0.0.1:9000"},
                     {"x-amz-content-sha256", "UNSIGNED-PAYLOAD"},
                     {"x-amz-date", "20150830T123600Z"},
                     {"x-amz-security-token", "TOKEN/with+chars=="}};
  const Signature expected =
      sign(request, credentials, {"20150830T123600Z", "eu-west-1", "s3"}, SigningFlavour::kS3);
  EXPECT_EQ(
      expected.canonical_request,
      "GET\n/bucket/a%20b.json\n\nhost:127.0.0.1:9000\nx-amz-content-sha256:UNSIGNED-PAYLOAD\n"
      "x-amz-date:20150830T123600Z\nx-amz-security-token:TOKEN/with+chars==\n\n"
      "host;x-amz-content-sha256;x-amz-date;x-amz-security-token\nUNSIGNED-PAYLOAD");
  EXPECT_EQ(headers[3].second, expected.authorization);
  EXPECT_NE(headers[3].second.find("Credential=AKIDEXAMPLE/20150830/eu-west-1/s3/aws4_request, "
                                   "SignedHeaders=host;x-amz-content-sha256;x-amz-date;"
                                   "x-amz-security-token, Signature="),
            std::string::npos);
  EXPECT_EQ(headers[3].second.find("secret"), std::string::npos);
}

TEST(SigV4, SigningKeyMatchesTheSpecificationExample) {
  // The derivation example of the SigV4 documentation ("Examples of how to derive a signing
  // key"): secret wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY, 20120215, us-east-1, iam.
  EXPECT_EQ(to_hex(signing_key("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "20120215", "us-east-1",
                               "iam")),
            "f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d");
}

TEST(SigV4, Sha256OfEmptyString) {
  EXPECT_EQ(sha256_hex(""), kEmptyPayloadSha256);
}

}  // namespace
}  // namespace sparkify::s3
