#include "report/json.hpp"

#include <gtest/gtest.h>
#include <simdjson.h>

#include <cmath>
#include <limits>

#include "core/json_string.hpp"

namespace sparkify::report {
namespace {

simdjson::dom::element parse(simdjson::dom::parser& parser, const std::string& json) {
  simdjson::dom::element doc;
  const auto error = parser.parse(json).get(doc);
  EXPECT_EQ(error, simdjson::SUCCESS) << simdjson::error_message(error) << "\n" << json;
  return doc;
}

TEST(Json, EmptyTableIsAnEmptyArray) {
  EXPECT_EQ(render_json(Table{{"a"}, {}}), "[]\n");
}

TEST(Json, RendersTypesAndParsesBack) {
  Table t;
  t.columns = {"rank", "artist", "share", "missing"};
  t.rows.push_back({std::int64_t{1}, std::string("Beyoncé \"B\" \\ 東京"), 0.25, Value{}});
  t.rows.push_back({std::int64_t{-9007199254740993}, std::string(""), 1e20, Value{}});
  const std::string json = render_json(t);
  simdjson::dom::parser parser;
  const auto doc = parse(parser, json);
  simdjson::dom::array rows;
  ASSERT_EQ(doc.get_array().get(rows), simdjson::SUCCESS);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(int64_t(rows.at(0)["rank"]), 1);
  EXPECT_EQ(std::string_view(rows.at(0)["artist"]), "Beyoncé \"B\" \\ 東京");
  EXPECT_DOUBLE_EQ(double(rows.at(0)["share"]), 0.25);
  EXPECT_TRUE(rows.at(0)["missing"].is_null());
  EXPECT_EQ(int64_t(rows.at(1)["rank"]), -9007199254740993);
  EXPECT_DOUBLE_EQ(double(rows.at(1)["share"]), 1e20);
}

TEST(Json, EscapesControlCharactersAndReplacesInvalidUtf8) {
  std::string hostile = "a\x01\x1f\x7f\n\r\t\b\f";
  hostile += std::string("\0", 1);
  hostile += "\xff\xfe\xC3 \xE2\x80\xA8</script>";
  Table t{{"text"}, {{hostile}}};
  const std::string json = render_json(t);
  EXPECT_EQ(json,
            "[\n  {\"text\":\"a\\u0001\\u001f\\u007f\\n\\r\\t\\b\\f\\u0000"
            "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD \\u2028</script>\"}\n]\n");
  simdjson::dom::parser parser;
  const auto doc = parse(parser, json);
  std::string_view back = doc.at(0)["text"];
  EXPECT_EQ(back.substr(0, 2), "a\x01");
}

TEST(Json, AsciiOnlyEscapesEverythingAboveAscii) {
  std::string out;
  append_json_string(out, "é東🎵", {.ascii_only = true});
  EXPECT_EQ(out, "\"\\u00e9\\u6771\\ud83c\\udfb5\"");
  simdjson::dom::parser parser;
  const std::string doc = "[" + out + "]";
  std::string_view back = parse(parser, doc).at(0);
  EXPECT_EQ(back, "é東🎵");
}

TEST(Json, NonFiniteRealsAreNullAndDuplicateColumnsGetUniqueKeys) {
  Table t;
  t.columns = {"x", "x", "x_2"};
  t.rows.push_back({std::numeric_limits<double>::quiet_NaN(),
                    std::numeric_limits<double>::infinity(), std::int64_t{3}});
  const std::string json = render_json(t);
  EXPECT_EQ(json, "[\n  {\"x\":null,\"x_3\":null,\"x_2\":3}\n]\n");
  simdjson::dom::parser parser;
  parse(parser, json);
}

TEST(Json, EscapesColumnNames) {
  Table t{{"we\"ird\n"}, {{std::int64_t{1}}}};
  EXPECT_EQ(render_json(t), "[\n  {\"we\\\"ird\\n\":1}\n]\n");
}

}  // namespace
}  // namespace sparkify::report
