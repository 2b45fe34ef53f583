// Fonts: a CJK font is found, every character of the demo content has a glyph (rare ones such as
// 鲲 鹏 瞪 羚 are outside ImGui's ChineseSimplifiedCommon range), and the atlas fits 2048x2048.
#include <doctest/doctest.h>

#include "kiosk/ui/fonts.hpp"
#include "sync/content/utf8.hpp"
#include "tests/ui/ui_fixture.hpp"

using namespace kiosk;

namespace {
ui::GlyphSet demo_glyphs() {
  ui::GlyphSet g = ui::base_glyphs(test::i18n().all_text());
  g.add_content(test::demo_snapshot()->content());
  return g;
}
}  // namespace

TEST_CASE("fontconfig finds a face that covers Chinese - including rare characters") {
  const auto file = ui::find_cjk_font();
  REQUIRE(file);
  MESSAGE("font: " << file->path.string() << " #" << file->index << " (" << file->family << ")");
}

TEST_CASE("every character of the demo content renders from the atlas - none as a missing mark") {
  const ui::GlyphSet glyphs = demo_glyphs();
  const auto atlas = ui::build_font_atlas(test::font(), ui::compute_metrics(1920, 1080), glyphs);
  std::size_t han = 0;
  for (char32_t c : glyphs.sorted()) {
    if (c < 0x20 || c == 0x7F) continue;
    for (ImFont* f : {atlas->fonts.small, atlas->fonts.body, atlas->fonts.title}) {
      CHECK_MESSAGE(f->FindGlyphNoFallback(static_cast<ImWchar>(c)) != nullptr,
                    "U+" << std::hex << static_cast<unsigned>(c));
    }
    han += content::utf8::is_cjk(c);
  }
  CHECK(han > 500);
  for (ImWchar rare :
       {0x9CB2 /*鲲*/, 0x9E4F /*鹏*/}) {  // in 创客总部鲲鹏CEO特训班, outside ChineseSimplifiedCommon
    CHECK(glyphs.contains(rare));
    CHECK(atlas->fonts.body->FindGlyphNoFallback(rare) != nullptr);
  }
  MESSAGE(glyphs.size() << " glyphs, atlas " << atlas->width << "x" << atlas->height << " in "
                        << atlas->build_ms << " ms");
  CHECK(atlas->width <= ui::kMaxAtlasSide);
  CHECK(atlas->height <= ui::kMaxAtlasSide);
}

TEST_CASE("rare characters are baked when the text uses them") {
  ui::GlyphSet g = ui::base_glyphs("");
  g.add_text("创客总部鲲鹏CEO特训班 瞪羚企业");
  const auto atlas = ui::build_font_atlas(test::font(), ui::compute_metrics(800, 480), g);
  for (ImWchar c : {0x9CB2 /*鲲*/, 0x9E4F /*鹏*/, 0x77AA /*瞪*/, 0x7F9A /*羚*/}) {
    CHECK(atlas->fonts.body->FindGlyphNoFallback(c) != nullptr);
  }
  // And a character the text does not use is not in the atlas: it was not baked "just in case".
  CHECK(atlas->fonts.body->FindGlyphNoFallback(0x9F8D /*龍*/) == nullptr);
}

TEST_CASE("more glyphs than fit 2048x2048 shrink the sizes instead of failing") {
  ui::GlyphSet g = ui::base_glyphs("");
  g.add_range(0x4E00, 0x4E00 + 2500);  // a very large content set
  const auto atlas = ui::build_font_atlas(test::font(), ui::compute_metrics(1920, 1080), g);
  CHECK(atlas->height <= ui::kMaxAtlasSide);
  CHECK_FALSE(atlas->degraded);
  CHECK(atlas->metrics.body_size < ui::compute_metrics(1920, 1080).body_size);
}

TEST_CASE("content no atlas can hold degrades to the UI's own glyphs instead of crashing the kiosk") {
  const ui::GlyphSet base = ui::base_glyphs(test::i18n().all_text());
  ui::GlyphSet g = base;
  g.add_range(0x4E00, 0x9FFF);  // the whole unified block
  const auto atlas = ui::build_font_atlas(test::font(), ui::compute_metrics(1920, 1080), g, &base);
  CHECK(atlas->degraded);
  CHECK(atlas->attempts == 0);  // recognised as hopeless without rasterising 21,000 glyphs
  CHECK(atlas->height <= ui::kMaxAtlasSide);
  CHECK(atlas->fonts.body->FindGlyphNoFallback(0x4E2D /*中, in the UI strings*/) != nullptr);
  CHECK_THROWS(ui::build_font_atlas(test::font(), ui::compute_metrics(1920, 1080), g));  // no fallback given
}

TEST_CASE("glyph ranges are exact pairs for ImGui") {
  ui::GlyphSet g;
  g.add_text("abcx中");
  const auto r = g.ranges();
  REQUIRE(r.size() == 7);
  CHECK(r[0] == 'a');
  CHECK(r[1] == 'c');
  CHECK(r[2] == 'x');
  CHECK(r[3] == 'x');
  CHECK(r[4] == 0x4E2D);
  CHECK(r[6] == 0);
}
