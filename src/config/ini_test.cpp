#include "config/ini.hpp"

#include <gtest/gtest.h>

#include <vector>

namespace sparkify::config {
namespace {

std::string entries_of(const IniDocument& doc) {
  std::string out;
  for (const auto& section : doc.sections) {
    out += "[" + section.name + "]";
    for (const auto& entry : section.entries)
      out += " " + entry.key + "=" + entry.value;
    out += "\n";
  }
  return out;
}

TEST(Ini, DwhRulesUnquoteAcceptColonsAndReportRepeats) {
  const auto doc = parse_ini(
      "[A]\nk1 = 'quoted # not a comment' ; comment\nk2: v2\n  k3 = indented\nK1 = again\n[a]\n",
      "x.cfg");
  EXPECT_EQ(entries_of(doc), "[A] k1=quoted # not a comment k2=v2 k3=indented\n");
  ASSERT_EQ(doc.errors.size(), 2U);
  EXPECT_EQ(doc.errors[0].text(), "x.cfg:5: key K1 appears again in [A] (first on line 2)");
  EXPECT_EQ(doc.errors[1].text(), "x.cfg:6: section [a] appears again (first on line 1)");
}

TEST(Ini, AwsRulesKeepQuotesSplitOnEqualsOnlyAndNestBlocks) {
  const auto doc = parse_ini(
      "[profile x]\nregion = 'eu'\na:b = c\ns3 =\n  addressing_style = path\n\tmax = 2\n"
      "output = json\n  not_nested = 1\n",
      "config", kAwsIniRules);
  EXPECT_EQ(entries_of(doc),
            "[profile x] region='eu' a:b=c s3= s3.addressing_style=path s3.max=2 output=json "
            "not_nested=1\n");
  EXPECT_TRUE(doc.errors.empty());
}

TEST(Ini, AwsRulesListRepeatsInFileOrder) {
  const auto doc =
      parse_ini("[default]\nk = 1\nk = 2\n[dev]\n[default]\nk = 3\n", "credentials", kAwsIniRules);
  EXPECT_EQ(entries_of(doc), "[default] k=1 k=2\n[dev]\n[default] k=3\n");
  EXPECT_TRUE(doc.errors.empty());
}

// The rules both files share: the text read with the dwh.cfg rules, then the AWS CLI's.
std::vector<IniDocument> under_both_rules(std::string_view text) {
  return {parse_ini(text, "f"), parse_ini(text, "f", kAwsIniRules)};
}

TEST(Ini, SharedGrammarUnderEitherRules) {
  // A byte-order mark, a comment after a header, CRLF, and C-locale white space
  // (a stray CR or a form feed at a line's end) trimmed.
  for (const auto& doc :
       under_both_rules("\xEF\xBB\xBF[a] ; the first\r\nk = v \r\r\n\fj = w\v\n")) {
    EXPECT_EQ(entries_of(doc), "[a] k=v j=w\n");
    EXPECT_TRUE(doc.errors.empty());
  }
}

TEST(Ini, KeysAfterAMalformedHeaderBelongToNoSection) {
  for (const auto& doc :
       under_both_rules("[a]\nk = 1\n[b\nk = 2\n[]\nk = 3\n[c] x\nk = 4\n[d]\nk = 5\n")) {
    EXPECT_EQ(entries_of(doc), "[a] k=1\n[d] k=5\n");
    ASSERT_EQ(doc.errors.size(), 3U);  // one per bad header, none for the keys after them
    EXPECT_EQ(doc.errors[0].text(), "f:3: section header without ']'");
    EXPECT_EQ(doc.errors[1].text(), "f:5: empty section name");
    EXPECT_EQ(doc.errors[2].text(), "f:7: unexpected text after the section header");
  }
}

}  // namespace
}  // namespace sparkify::config
