#include "report/svg_chart.hpp"

#include <gtest/gtest.h>

#include "tests/support/text_count.hpp"

namespace sparkify::report {
namespace {

using sparkify::testing::count_occurrences;

ChartSpec bars(std::string x, std::vector<std::string> y) {
  ChartSpec spec;
  spec.title = "Plays";
  spec.x = std::move(x);
  spec.y = std::move(y);
  return spec;
}

TEST(SvgChart, ZeroRowsRenderANoDataNoteInsteadOfAnEmptyChart) {
  const Table empty{{"hour", "plays"}, {}};
  for (const auto type : {ChartType::bar, ChartType::line, ChartType::step}) {
    for (const auto orientation : {Orientation::vertical, Orientation::horizontal}) {
      ChartSpec spec = bars("hour", {"plays"});
      spec.type = type;
      spec.orientation = orientation;
      const auto html = render_chart(empty, spec, "c1");
      EXPECT_EQ(html.find("<svg"), std::string::npos) << html;
      EXPECT_NE(html.find("class=\"no-data\""), std::string::npos) << html;
      EXPECT_NE(html.find("no rows"), std::string::npos) << html;
    }
  }
}

TEST(SvgChart, RowsWithoutNumbersAlsoSayNoData) {
  const Table t{{"hour", "plays"},
                {{std::int64_t{1}, Value{}}, {std::int64_t{2}, std::string("n/a")}}};
  const auto html = render_chart(t, bars("hour", {"plays"}), "c1");
  EXPECT_EQ(html.find("<svg"), std::string::npos);
  EXPECT_NE(html.find("no numeric values"), std::string::npos);
}

TEST(SvgChart, VerticalBarsHaveOneRectWithATitlePerValue) {
  const Table t{{"hour", "plays"},
                {{std::int64_t{0}, std::int64_t{155}}, {std::int64_t{1}, std::int64_t{1200}}}};
  const auto svg = render_chart(t, bars("hour", {"plays"}), "c7");
  EXPECT_EQ(svg.rfind("<svg", 0), 0u);
  EXPECT_EQ(count_occurrences(svg, "<rect"), 2u);
  EXPECT_NE(svg.find("<title id=\"c7-title\">Plays</title>"), std::string::npos);
  EXPECT_NE(svg.find("aria-labelledby=\"c7-title c7-desc\""), std::string::npos);
  EXPECT_NE(svg.find("<title>1: 1,200</title>"), std::string::npos) << svg;
}

TEST(SvgChart, EscapesEveryText) {
  const Table t{{"artist", "plays"},
                {{std::string("<script>alert(\"x\")</script> & 'co'"), std::int64_t{3}}}};
  ChartSpec spec = bars("artist", {"plays"});
  spec.title = "</title><script>";
  spec.orientation = Orientation::horizontal;
  spec.y_label = "a & b";
  const auto svg = render_chart(t, spec, "x\"y");
  EXPECT_EQ(svg.find("<script"), std::string::npos) << svg;
  EXPECT_EQ(svg.find("x\"y"), std::string::npos);
  EXPECT_NE(svg.find("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;co&#39;"),
            std::string::npos);
  EXPECT_NE(svg.find("a &amp; b"), std::string::npos);
}

TEST(SvgChart, LongTablesPivotIntoStackedSeriesWithALegend) {
  const Table t{{"location", "level", "plays"},
                {{std::string("A"), std::string("paid"), std::int64_t{5}},
                 {std::string("A"), std::string("free"), std::int64_t{2}},
                 {std::string("B"), std::string("free"), std::int64_t{4}},
                 {std::string("A"), std::string("paid"), std::int64_t{1}}}};
  ChartSpec spec = bars("location", {"plays"});
  spec.series = "level";
  spec.stacking = Stacking::stacked;
  const auto svg = render_chart(t, spec, "c");
  EXPECT_EQ(count_occurrences(svg, "class=\"legend-item\""), 2u);
  EXPECT_NE(svg.find("<title>A · Level: paid: 6</title>"), std::string::npos) << svg;  // summed
  EXPECT_NE(svg.find("<title>B · Level: free: 4</title>"), std::string::npos);
  EXPECT_NE(svg.find(">Level: paid<"), std::string::npos) << "the legend names the column";
  EXPECT_EQ(count_occurrences(svg, "<title>"), 3u);  // one per bar: A paid, A free, B free
}

TEST(SvgChart, LineAndStepChartsUseATimeAxisForDates) {
  const Table t{{"day", "plays"},
                {{std::string("2018-11-03"), std::int64_t{4}},
                 {std::string("2018-11-01"), std::int64_t{1}},
                 {std::string("2018-11-30"), Value{}},
                 {std::string("2018-11-29"), std::int64_t{7}}}};
  for (const auto type : {ChartType::line, ChartType::step}) {
    ChartSpec spec = bars("day", {"plays"});
    spec.type = type;
    const auto svg = render_chart(t, spec, "c");
    EXPECT_EQ(count_occurrences(svg, "<circle"), 3u);
    EXPECT_NE(svg.find(">Nov 05<"), std::string::npos) << svg;  // a Monday tick, weekly steps
    EXPECT_NE(svg.find(type == ChartType::step ? "H" : "L"), std::string::npos);
  }
}

TEST(SvgChart, UnknownColumnsAreAnError) {
  const Table t{{"a", "b"}, {{std::int64_t{1}, std::int64_t{2}}}};
  EXPECT_THROW(render_chart(t, bars("a", {"zzz"}), "c"), std::invalid_argument);
  EXPECT_THROW(render_chart(t, bars("zzz", {"b"}), "c"), std::invalid_argument);
  EXPECT_THROW(render_chart(t, bars("a", {}), "c"), std::invalid_argument);
}

}  // namespace
}  // namespace sparkify::report
