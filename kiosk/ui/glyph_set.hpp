#pragma once
// The characters a font atlas must hold. Dear ImGui 1.86 bakes glyphs in advance, and the whole CJK
// block does not fit a Pi's 2048x2048 texture limit, so we bake exactly what the UI strings and the
// current content use — which also covers rare characters such as 鲲 鹏 瞪 羚 that ImGui's
// "ChineseSimplifiedCommon" range lacks.
#include <imgui.h>

#include <bitset>
#include <string_view>
#include <vector>

#include "sync/content/snapshot.hpp"

namespace kiosk::ui {

class GlyphSet {
 public:
  void add_text(std::string_view utf8);
  void add_range(char32_t first, char32_t last);
  void add_content(const content::Content& c);
  // Only what is drawn in the large title font: names and titles (a third of the atlas at 1080p).
  void add_headlines(const content::Content& c);
  bool contains(char32_t cp) const;
  bool contains_all(const GlyphSet& other) const;
  std::size_t size() const { return sorted().size(); }
  const std::vector<char32_t>& sorted() const;
  // 0-terminated pairs for ImFontConfig::GlyphRanges (BMP only: Debian's imgui uses 16-bit ImWchar).
  std::vector<ImWchar> ranges() const;

 private:
  // One bit per BMP character: the worst content (32 MB of distinct Chinese) costs 8 KB here, where
  // a list of every character met cost 90 MB at the kiosk's peak.
  std::bitset<0x10000> present_;
  mutable std::vector<char32_t> sorted_;
  mutable bool dirty_ = false;
};

}  // namespace kiosk::ui
