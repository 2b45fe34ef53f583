#include <doctest/doctest.h>

#include "kiosk/ui/fonts.hpp"
#include "kiosk/ui/text_layout.hpp"
#include "tests/ui/ui_fixture.hpp"

using namespace kiosk;

namespace {
struct Font {
  std::unique_ptr<ui::FontAtlas> atlas;
  ImFont* body;
  Font() {
    ui::GlyphSet g = ui::base_glyphs("");
    g.add_text(
        "面向智能制造新一代信息技术生物医药节能环保和大健康领域的初创团队。报名说明会详情请在活动页查看（第一"
        "讲）");
    atlas = ui::build_font_atlas(test::font(), ui::compute_metrics(800, 480), g);
    body = atlas->fonts.body;
  }
};
const Font& font() {
  static const Font f;
  return f;
}
float width(std::string_view s) {
  return ui::text_width(font().body, font().body->FontSize, s);
}
}  // namespace

TEST_CASE("Chinese wraps between characters and every line fits") {
  const std::string text =
      "面向智能制造、新一代信息技术、生物医药、节能环保和大健康领域的初创团队。报名说明会详情请在活动页查看"
      "。";
  const float w = font().body->FontSize * 9.5f;
  const auto lines = ui::wrap_lines(font().body, font().body->FontSize, text, w);
  CHECK(lines.size() >= 4);
  std::string joined;
  for (auto l : lines) {
    CHECK(width(l) <= w + 0.5f);
    joined += std::string(l);
  }
  CHECK(joined == text);  // nothing lost, nothing added between CJK characters
}

TEST_CASE("closing punctuation never starts a line - opening never ends one") {
  const std::string text = "初创团队初创团队初创团队。报名（第一讲）说明";
  for (float chars = 4; chars < 14; chars += 0.5f) {
    const auto lines =
        ui::wrap_lines(font().body, font().body->FontSize, text, font().body->FontSize * chars);
    for (auto l : lines) {
      CHECK(l.substr(0, 3) != "。");
      CHECK(l.substr(0, 3) != "）");
      CHECK((l.size() < 3 || l.substr(l.size() - 3) != "（"));
    }
  }
}

TEST_CASE("English wraps at spaces and keeps words whole") {
  const std::string text = "Open to early-stage teams in smart manufacturing and biomedicine";
  const auto lines =
      ui::wrap_lines(font().body, font().body->FontSize, text, width("Open to early-stage teams") + 1);
  REQUIRE(lines.size() >= 2);
  CHECK(lines[0] == "Open to early-stage teams");
  for (auto l : lines) CHECK(l.front() != ' ');
}

TEST_CASE("explicit line breaks are kept - an over-long word is cut rather than overflowing") {
  const auto lines = ui::wrap_lines(font().body, font().body->FontSize, "first\nsecond", 1000);
  REQUIRE(lines.size() == 2);
  CHECK(lines[1] == "second");
  const auto cut = ui::wrap_lines(font().body, font().body->FontSize, "Supercalifragilisticexpialidocious",
                                  width("Supercali"));
  CHECK(cut.size() >= 3);
  for (auto l : cut) CHECK(width(l) <= width("Supercali") + 0.5f);
}

TEST_CASE("ellipsize fits the width and marks the cut") {
  const std::string zh = "面向智能制造新一代信息技术生物医药";
  const std::string short_zh =
      ui::ellipsize(font().body, font().body->FontSize, zh, font().body->FontSize * 6);
  CHECK(width(short_zh) <= font().body->FontSize * 6 + 0.5f);
  CHECK(short_zh.size() >= 3);
  CHECK(short_zh.substr(short_zh.size() - 3) == "…");
  const std::string en = ui::ellipsize(font().body, font().body->FontSize, "Innovation voucher applications",
                                       width("Innovation vo"));
  CHECK(en.substr(en.size() - 3) == "...");  // Latin text gets a baseline ellipsis
  CHECK(ui::ellipsize(font().body, font().body->FontSize, "fits", 1000) == "fits");
}
