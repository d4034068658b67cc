#include "warehouse/libpq/pg_redact.hpp"

#include <gtest/gtest.h>

namespace sparkify::pg {
namespace {

TEST(PgRedact, UriUserInfoPassword) {
  EXPECT_EQ(redact_conninfo("postgresql://u:secret@h/db"), "postgresql://u:***@h/db");
  EXPECT_EQ(redact_conninfo("postgres://u:s%40cret@h:5432/db"), "postgres://u:***@h:5432/db");
  EXPECT_EQ(redact_conninfo("POSTGRESQL://u:secret@h1,h2:5433/db"),
            "POSTGRESQL://u:***@h1,h2:5433/db");
}

TEST(PgRedact, UriWithoutPasswordIsUnchanged) {
  EXPECT_EQ(redact_conninfo("postgresql://u@h:5432/db"), "postgresql://u@h:5432/db");
  EXPECT_EQ(redact_conninfo("postgresql:///db"), "postgresql:///db");
  EXPECT_EQ(redact_conninfo("postgresql://h/db?sslmode=require"),
            "postgresql://h/db?sslmode=require");
}

TEST(PgRedact, UriPasswordWithUnencodedSpecialCharacters) {
  // '@' and '/' in a password are not valid URI syntax, but must still not leak.
  const auto out = redact_conninfo("postgresql://u:se/cr@et@h/db");
  EXPECT_EQ(out.find("se/cr"), std::string::npos);
  EXPECT_EQ(out, "postgresql://u:***@h/db");
}

TEST(PgRedact, UriQueryPassword) {
  EXPECT_EQ(redact_conninfo("postgresql://u@h/db?password=secret&sslmode=require"),
            "postgresql://u@h/db?password=***&sslmode=require");
  EXPECT_EQ(redact_conninfo("postgresql://u@h/db?sslmode=require&PASSWORD=secret"),
            "postgresql://u@h/db?sslmode=require&PASSWORD=***");
  EXPECT_EQ(redact_conninfo("postgresql://u:a@h/db?sslpassword=b"),
            "postgresql://u:***@h/db?sslpassword=***");
}

TEST(PgRedact, KeywordPassword) {
  EXPECT_EQ(redact_conninfo("host=h dbname=db password=secret user=u"),
            "host=h dbname=db password=*** user=u");
  EXPECT_EQ(redact_conninfo("password=secret"), "password=***");
  EXPECT_EQ(redact_conninfo("  host=h\tpassword = secret  "), "  host=h\tpassword = ***  ");
  EXPECT_EQ(redact_conninfo("sslpassword=x password=y"), "sslpassword=*** password=***");
}

TEST(PgRedact, KeywordQuotedPassword) {
  EXPECT_EQ(redact_conninfo("host=h password='se cret' user=u"), "host=h password='***' user=u");
  EXPECT_EQ(redact_conninfo(R"(password='it\'s a \\ secret' dbname=db)"),
            "password='***' dbname=db");
  EXPECT_EQ(redact_conninfo(R"(password=back\ slash dbname=db)"), "password=*** dbname=db");
  EXPECT_EQ(redact_conninfo("password=''"), "password='***'");
}

TEST(PgRedact, KeywordOtherQuotedValuesKept) {
  EXPECT_EQ(redact_conninfo("application_name='a b' password=p"),
            "application_name='a b' password=***");
  EXPECT_EQ(redact_conninfo("options='-c password=x'"), "options='-c password=x'");
}

TEST(PgRedact, MalformedKeywordStringsNeverLeak) {
  // Unterminated quote: everything after the key goes.
  EXPECT_EQ(redact_conninfo("host=h password='secret user=u"), "host=h password='***'");
  // A password key without '=': drop the rest.
  const auto out = redact_conninfo("host=h password secret");
  EXPECT_EQ(out.find("secret"), std::string::npos);
  EXPECT_EQ(redact_conninfo("host=h passwordsecret user=u"), "host=h ***");
  EXPECT_EQ(redact_conninfo("mydatabase"), "mydatabase");
  EXPECT_EQ(redact_conninfo(""), "");
}

TEST(PgRedact, RecognisesUris) {
  EXPECT_TRUE(is_conninfo_uri("postgresql://h"));
  EXPECT_TRUE(is_conninfo_uri(" postgres://h"));
  EXPECT_FALSE(is_conninfo_uri("host=h"));
  EXPECT_FALSE(is_conninfo_uri("sqlite:x.db"));
}

}  // namespace
}  // namespace sparkify::pg
