#include "report/html_report.hpp"

#include <gtest/gtest.h>

#include "report/report_test_model.hpp"
#include "tests/support/text_count.hpp"

namespace sparkify::report {
namespace {

using sparkify::testing::count_occurrences;

TEST(HtmlReport, EscapesHostileTextEverywhere) {
  ReportModel m;
  const std::string evil = "<script>alert('x')</script>\"&";
  m.title = evil;
  m.subtitle = evil;
  m.summary = {{evil, evil}};
  m.checks = {{evil, false, evil}};
  m.counts = {{evil, Value{evil}}};
  ReportSection s;
  s.title = evil;
  s.description = evil;
  s.table = Table{{evil}, {{Value{evil}}}};
  s.chart = ChartSpec{};
  s.chart->x = evil;
  s.chart->y = {evil};
  s.chart->type = ChartType::bar;
  m.sections.push_back(s);
  m.footer = evil;
  const std::string html = render_html_report(m);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("'x'"), std::string::npos);
  EXPECT_GT(count_occurrences(html, "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&quot;&amp;"),
            10u);
}

TEST(HtmlReport, IsSelfContained) {
  const std::string html = render_html_report(testing::sample_report_model());
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
  for (const char* fetch :
       {"<script", "<link", "<img", "@import", "url(", "src=", "http://", "https://"}) {
    // The SVG namespace is an identifier, not a fetch.
    std::string rest = html;
    for (auto p = rest.find("http://www.w3.org/2000/svg"); p != std::string::npos;
         p = rest.find("http://www.w3.org/2000/svg")) {
      rest.erase(p, 26);
    }
    EXPECT_EQ(rest.find(fetch), std::string::npos) << fetch;
  }
}

TEST(HtmlReport, ShowsChecksCountsSectionsAndNoDataNotes) {
  const auto model = testing::sample_report_model();
  const std::string html = render_html_report(model);
  EXPECT_NE(html.find("1 of 6 checks failed"), std::string::npos);
  EXPECT_EQ(count_occurrences(html, "badge pass"), 5u);
  EXPECT_EQ(count_occurrences(html, "badge fail"), 1u);
  EXPECT_EQ(count_occurrences(html, "class=\"card\""), model.counts.size());
  EXPECT_NE(html.find(">6,820<"), std::string::npos);
  EXPECT_EQ(count_occurrences(html, "<svg"), model.sections.size() - 1);
  EXPECT_EQ(count_occurrences(html, "class=\"no-data\""), 1u);
  for (std::size_t i = 1; i <= model.sections.size(); ++i) {
    EXPECT_NE(html.find("id=\"s" + std::to_string(i) + "\""), std::string::npos);
  }
}

TEST(HtmlTable, RightAlignsNumbersCutsLongTablesAndShowsNull) {
  Table t{{"artist_id", "year", "plays", "name"}, {}};
  for (int i = 0; i < 5; ++i) {
    t.rows.push_back({std::string("AR") + std::to_string(i), std::int64_t{2018},
                      std::int64_t{12345}, i == 0 ? Value{} : Value{std::string("x")}});
  }
  const auto html = render_html_table(t, 3);
  EXPECT_NE(html.find("<th scope=\"col\" class=\"num\">Plays</th>"), std::string::npos);
  EXPECT_NE(html.find("<td class=\"num\">12,345</td>"), std::string::npos);
  EXPECT_NE(html.find("<td class=\"num\">2018</td>"), std::string::npos);  // a year: no comma
  EXPECT_NE(html.find("<span class=\"null\">NULL</span>"), std::string::npos);
  EXPECT_EQ(count_occurrences(html, "<tr>"), 4u);  // header + 3
  EXPECT_NE(html.find("Showing the first 3 of 5 rows."), std::string::npos);
}

}  // namespace
}  // namespace sparkify::report
