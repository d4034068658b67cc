#include "report/html_escape.hpp"

#include <gtest/gtest.h>

namespace sparkify::report {
namespace {

TEST(HtmlEscape, EscapesMarkupQuotesAndAmpersands) {
  EXPECT_EQ(html_escape("<script>alert('x')</script>"),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
  EXPECT_EQ(html_escape("\"onmouseover=\"x"), "&quot;onmouseover=&quot;x");
  EXPECT_EQ(html_escape("Tom & Jerry &amp;"), "Tom &amp; Jerry &amp;amp;");
  EXPECT_EQ(html_escape("Björk – 東京"), "Björk – 東京");
}

TEST(HtmlEscape, ReplacesControlsAndInvalidUtf8) {
  EXPECT_EQ(html_escape(std::string("a\0b", 3)),
            "a\xEF\xBF\xBD"
            "b");
  EXPECT_EQ(html_escape("\x1b[31m"), "\xEF\xBF\xBD[31m");
  EXPECT_EQ(html_escape("tab\tnl\n"), "tab\tnl\n");
  EXPECT_EQ(html_escape("\xff<"), "\xEF\xBF\xBD&lt;");
}

}  // namespace
}  // namespace sparkify::report
