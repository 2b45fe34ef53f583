#pragma once
// Finding a CJK font on the system (fontconfig) and baking the glyphs the UI needs into an atlas that
// fits 2048x2048, the texture limit of the older Pi GPUs. Building is pure CPU work with no ImGui
// context, so a rebuild for new content runs on a worker thread and is swapped in between frames.
#include <imgui.h>

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/ui/glyph_set.hpp"
#include "kiosk/ui/theme.hpp"

namespace kiosk::ui {

struct FontFile {
  std::filesystem::path path;
  int index = 0;  // face inside a .ttc collection
  std::string family;
};

// The best Simplified Chinese sans-serif face fontconfig knows, if it really covers Chinese.
std::optional<FontFile> find_cjk_font();

// A read-only memory map of the font file: the atlas builder reads it without copying ~20 MB into
// the process, and the pages it does not touch cost no memory.
class MappedFont {
 public:
  static std::shared_ptr<const MappedFont> open(const FontFile& file);  // throws std::runtime_error
  ~MappedFont();
  const void* data() const { return data_; }
  std::size_t size() const { return size_; }
  const FontFile& file() const { return file_; }

 private:
  MappedFont() = default;
  void* data_ = nullptr;
  std::size_t size_ = 0;
  FontFile file_;
};

inline constexpr int kMaxAtlasSide = 2048;

struct FontAtlas {
  // Declaration order is destruction order reversed: the atlas dies before its ranges and font.
  std::shared_ptr<const MappedFont> font;
  std::vector<ImWchar> ranges;
  std::unique_ptr<ImFontAtlas> atlas;
  Fonts fonts;
  GlyphSet glyphs;       // what was requested
  Metrics metrics;       // the sizes it was built for (may be shrunk to fit)
  double build_ms = 0;
  int width = 0, height = 0;
};

// Bakes `glyphs` at the theme's four sizes (the huge size holds digits only). Shrinks sizes in 8 %
// steps if the atlas would exceed kMaxAtlasSide. Throws std::runtime_error if it cannot fit at all.
std::unique_ptr<FontAtlas> build_font_atlas(std::shared_ptr<const MappedFont> font, const Metrics& metrics,
                                            const GlyphSet& glyphs);

// The glyphs every screen needs whatever the content: ASCII, typographic punctuation, UI strings.
GlyphSet base_glyphs(const std::string& ui_text);

}  // namespace kiosk::ui
