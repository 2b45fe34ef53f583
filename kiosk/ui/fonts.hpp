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
  std::unique_ptr<ImFontAtlas> atlas;  // baked: needs neither the font file nor the ranges any more
  Fonts fonts;
  GlyphSet glyphs;     // what was requested for the text sizes
  GlyphSet headlines;  // what was requested for the title size
  Metrics metrics;     // the sizes it was built for (may be shrunk to fit)
  double build_ms = 0;
  int width = 0, height = 0;
  bool degraded = false;  // too many characters: only the fallback set was baked
  int attempts = 0;       // builds it took (each one costs the full time)
};

// What an atlas must hold for some content: every character at the text sizes, headlines at the title size.
struct GlyphNeeds {
  GlyphSet text, headlines;
  bool covered_by(const FontAtlas& atlas) const {
    return atlas.glyphs.contains_all(text) && atlas.headlines.contains_all(headlines);
  }
};

// Bakes `glyphs` at the theme's four sizes; the font file is only read during the call (FreeType
// touches all 19 MB of Noto Sans CJK, which is why the kiosk maps it for builds only). (the huge size holds
// digits only). Shrinks sizes in 8 % steps (down to 60 %) if the atlas would exceed kMaxAtlasSide; if even
// that does not fit, bakes `fallback` (the UI's own strings) instead and sets `degraded`: content characters
// then show as "?", but the kiosk keeps running. Throws std::runtime_error only if nothing can be built.
// `headlines`, when given, is what the title size needs (a subset of `glyphs`).
std::unique_ptr<FontAtlas> build_font_atlas(std::shared_ptr<const MappedFont> font, const Metrics& metrics,
                                            const GlyphSet& glyphs, const GlyphSet* fallback = nullptr,
                                            const GlyphSet* headlines = nullptr);

// The glyphs every screen needs whatever the content: ASCII, typographic punctuation, UI strings.
GlyphSet base_glyphs(const std::string& ui_text);

}  // namespace kiosk::ui
