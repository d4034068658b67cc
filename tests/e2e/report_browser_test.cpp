// `sparkify report` of the real sample, rendered by a real browser (headless
// Debian chromium): fails on a console error or an empty chart, and keeps the
// screenshot (build/tests/report-browser/report.png; docs/report.png is one).
// Skips when chromium is not installed.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <regex>
#include <sstream>

#include "tests/support/cli_runner.hpp"

namespace sparkify::testing {
namespace {
namespace fs = std::filesystem;

std::optional<fs::path> find_chromium() {
  const char* path = std::getenv("PATH");
  if (path == nullptr)
    return std::nullopt;
  std::stringstream dirs(path);
  for (std::string dir; std::getline(dirs, dir, ':');) {
    for (const char* name : {"chromium", "chromium-browser"}) {
      std::error_code ec;
      if (fs::is_regular_file(fs::path(dir) / name, ec))
        return fs::path(dir) / name;
    }
  }
  return std::nullopt;
}

std::string read(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::string quote(const std::string& s) {
  std::string out = "'";
  for (const char c : s)
    out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

int chromium(const fs::path& bin, const fs::path& profile, const std::string& args,
             const fs::path& out, const fs::path& log) {
  const std::string command =
      "timeout 120 " + quote(bin.string()) +
      " --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking "
      "--disable-component-update --disable-sync --enable-logging=stderr --v=0 "
      "--user-data-dir=" +
      quote(profile.string()) + " " + args + " >" + quote(out.string()) + " 2>" +
      quote(log.string());
  const int status = std::system(command.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

TEST(ReportBrowser, TheSampleReportRendersEveryChartWithoutConsoleErrors) {
  const auto bin = find_chromium();
  if (!bin)
    GTEST_SKIP() << "chromium is not installed (apt-get install -y chromium)";
  TempDir dir;
  const fs::path db = dir / "w.db";
  ASSERT_EQ(run_sparkify({"load", "--db", db.string(), "--quiet"}).exit_code, 0);
  const fs::path out_dir = SPARKIFY_REPORT_BROWSER_OUT;
  fs::create_directories(out_dir);
  const fs::path page = out_dir / "report.html";
  const auto r = run_sparkify({"report", "--db", db.string(), "--out", page.string()});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("32 of 32 checks passed"), std::string::npos) << r.out;
  const std::string html = read(page);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  // Nothing fetched from the network (the SVG namespace URI is a name, not a fetch).
  for (const char* fetch : {"src=\"http", "href=\"http", "url(http", "@import"}) {
    EXPECT_EQ(html.find(fetch), std::string::npos) << fetch;
  }

  const std::string url = "file://" + fs::absolute(page).string();
  const fs::path dom_file = out_dir / "report.dom.html";
  ASSERT_EQ(chromium(*bin, dir / "profile1", "--dump-dom " + quote(url), dom_file,
                     out_dir / "dump-dom.log"),
            0)
      << read(out_dir / "dump-dom.log");
  const std::string dom = read(dom_file);
  ASSERT_NE(dom.find("</html>"), std::string::npos);
  std::size_t charts = 0;
  const std::regex svg_re("<svg[^>]*>([\\s\\S]*?)</svg>");
  for (auto it = std::sregex_iterator(dom.begin(), dom.end(), svg_re); it != std::sregex_iterator();
       ++it) {
    ++charts;
    const std::string body = (*it)[1].str();
    EXPECT_TRUE(body.find("<rect") != std::string::npos || body.find("<path") != std::string::npos)
        << "empty chart #" << charts;
  }
  // Hour, weekday, artist names, artist ids, locations, gender, level changes, one artist.
  EXPECT_EQ(charts, 8u);
  EXPECT_EQ(dom.find("class=\"no-data\""), std::string::npos) << "a chart without data";
  for (const char* title :
       {"Plays by hour of day", "Plays by weekday", "Top 10 artists by name",
        "Free and paid plays by location", "Gender split", "Upgrades and downgrades over time",
        "Where Kings Of Leon is played", "Data-quality checks"}) {
    EXPECT_NE(dom.find(title), std::string::npos) << title;
  }
  EXPECT_EQ(read(out_dir / "dump-dom.log").find("CONSOLE"), std::string::npos)
      << read(out_dir / "dump-dom.log");

  const fs::path png = out_dir / "report.png";
  fs::remove(png);
  ASSERT_EQ(chromium(*bin, dir / "profile2",
                     "--hide-scrollbars --window-size=1280,4200 --screenshot=" +
                         quote(png.string()) + " " + quote(url),
                     out_dir / "screenshot.out", out_dir / "screenshot.log"),
            0)
      << read(out_dir / "screenshot.log");
  const std::string image = read(png);
  ASSERT_GT(image.size(), 100'000u) << "a blank page compresses to a few kilobytes";
  EXPECT_EQ(image.substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));
  EXPECT_EQ(read(out_dir / "screenshot.log").find("CONSOLE"), std::string::npos);
}

}  // namespace
}  // namespace sparkify::testing
