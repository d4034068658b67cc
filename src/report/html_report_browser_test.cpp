// Renders the sample report in a real browser (headless Debian chromium): a
// screenshot to PNG, and the DOM after parsing, checked for non-empty charts
// and for console errors. Skips when chromium is not installed.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <regex>
#include <sstream>

#include "report/html_report.hpp"
#include "report/report_test_model.hpp"
#include "tests/support/text_count.hpp"

namespace sparkify::report {
namespace {

namespace fs = std::filesystem;

std::optional<fs::path> find_chromium() {
  const char* path = std::getenv("PATH");
  if (path == nullptr)
    return std::nullopt;
  std::stringstream dirs(path);
  std::string dir;
  while (std::getline(dirs, dir, ':')) {
    for (const char* name : {"chromium", "chromium-browser"}) {
      const fs::path candidate = fs::path(dir) / name;
      std::error_code ec;
      if (fs::is_regular_file(candidate, ec))
        return candidate;
    }
  }
  return std::nullopt;
}

std::string read_file(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// A temporary folder removed on scope exit.
struct TempDir {
  fs::path path;
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "sparkify-chromium-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr)
      throw std::runtime_error("mkdtemp failed");
    path = pattern;
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
};

std::string quote(const std::string& s) {
  std::string out = "'";
  for (const char c : s)
    out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

// Runs chromium headless with the flags every run needs; returns its exit code.
int run_chromium(const fs::path& chromium, const std::string& args, const fs::path& stdout_file,
                 const fs::path& stderr_file) {
  TempDir profile;
  const std::string command = fmt::format(
      "timeout 120 {} --headless --no-sandbox --disable-gpu --no-first-run "
      "--disable-background-networking --disable-component-update --disable-sync "
      "--enable-logging=stderr --v=0 --user-data-dir={} {} >{} 2>{}",
      quote(chromium.string()), quote(profile.path.string()), args, quote(stdout_file.string()),
      quote(stderr_file.string()));
  const int status = std::system(command.c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

using sparkify::testing::count_occurrences;

TEST(HtmlReportBrowser, RendersChartsWithoutConsoleErrors) {
  const auto chromium = find_chromium();
  if (!chromium)
    GTEST_SKIP() << "chromium is not installed (apt-get install -y chromium)";

  // Kept in the build tree so a person can look at the screenshot.
  const fs::path out_dir = SPARKIFY_BROWSER_OUT;
  fs::create_directories(out_dir);
  const auto model = testing::sample_report_model();
  const fs::path page = out_dir / "sample-report.html";
  { std::ofstream(page, std::ios::binary) << render_html_report(model); }
  const std::string url = "file://" + fs::absolute(page).string();

  // 1. The DOM after parsing.
  const fs::path dom_file = out_dir / "sample-report.dom.html";
  const fs::path dom_log = out_dir / "dump-dom.log";
  ASSERT_EQ(run_chromium(*chromium, "--dump-dom " + quote(url), dom_file, dom_log), 0)
      << read_file(dom_log);
  const std::string dom = read_file(dom_file);
  ASSERT_NE(dom.find("</html>"), std::string::npos) << "no DOM dumped:\n" << read_file(dom_log);

  // Every section with data has an SVG with drawn marks; the empty one a note.
  std::size_t charts = 0;
  const std::regex svg_re("<svg[^>]*>([\\s\\S]*?)</svg>");
  for (auto it = std::sregex_iterator(dom.begin(), dom.end(), svg_re); it != std::sregex_iterator();
       ++it) {
    const std::string body = (*it)[1].str();
    ++charts;
    EXPECT_TRUE(body.find("<rect") != std::string::npos || body.find("<path") != std::string::npos)
        << "empty chart #" << charts;
    EXPECT_NE(body.find("<title"), std::string::npos) << "chart #" << charts << " has no title";
  }
  EXPECT_EQ(charts, model.sections.size() - 1);
  EXPECT_EQ(count_occurrences(dom, "class=\"no-data\""), 1u);
  EXPECT_EQ(dom.find("<script"), std::string::npos);

  // No console errors (chromium logs them as "CONSOLE" lines with --enable-logging).
  const std::string log = read_file(dom_log);
  EXPECT_EQ(log.find("CONSOLE"), std::string::npos) << log;

  // 2. A screenshot: a real PNG of the window's size, not a blank page.
  const fs::path png = out_dir / "sample-report.png";
  fs::remove(png);
  const fs::path shot_log = out_dir / "screenshot.log";
  ASSERT_EQ(run_chromium(*chromium,
                         fmt::format("--hide-scrollbars --window-size=1280,2000 --screenshot={} {}",
                                     quote(png.string()), quote(url)),
                         out_dir / "screenshot.out", shot_log),
            0)
      << read_file(shot_log);
  const std::string image = read_file(png);
  ASSERT_GT(image.size(), 24u) << read_file(shot_log);
  EXPECT_EQ(image.substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));
  const auto be32 = [&](std::size_t at) {
    return (static_cast<std::uint32_t>(static_cast<unsigned char>(image[at])) << 24) |
           (static_cast<std::uint32_t>(static_cast<unsigned char>(image[at + 1])) << 16) |
           (static_cast<std::uint32_t>(static_cast<unsigned char>(image[at + 2])) << 8) |
           static_cast<std::uint32_t>(static_cast<unsigned char>(image[at + 3]));
  };
  EXPECT_EQ(be32(16), 1280u);  // IHDR width
  EXPECT_EQ(be32(20), 2000u);  // IHDR height
  // A blank 1280x2000 page compresses to a few kilobytes; text and charts do not.
  EXPECT_GT(image.size(), 60'000u);
  EXPECT_EQ(read_file(shot_log).find("CONSOLE"), std::string::npos);
}

}  // namespace
}  // namespace sparkify::report
