#include "kiosk/ui/fonts.hpp"

#include <fcntl.h>
#include <fontconfig/fontconfig.h>
#include <imgui_freetype.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <stdexcept>

namespace kiosk::ui {

std::optional<FontFile> find_cjk_font() {
  FcConfig* config = FcInitLoadConfigAndFonts();
  if (config == nullptr) return std::nullopt;
  std::optional<FontFile> out;
  FcPattern* pattern = FcNameParse(reinterpret_cast<const FcChar8*>("sans-serif:lang=zh-cn"));
  FcConfigSubstitute(config, pattern, FcMatchPattern);
  FcDefaultSubstitute(pattern);
  FcResult result = FcResultNoMatch;
  if (FcPattern* match = FcFontMatch(config, pattern, &result)) {
    FcChar8* file = nullptr;
    int index = 0;
    FcChar8* family = nullptr;
    FcCharSet* charset = nullptr;
    if (FcPatternGetString(match, FC_FILE, 0, &file) == FcResultMatch &&
        FcPatternGetCharSet(match, FC_CHARSET, 0, &charset) == FcResultMatch &&
        FcCharSetHasChar(charset, 0x4E2D) && FcCharSetHasChar(charset, 0x9CB2)) {  // 中, and rare 鲲
      FcPatternGetInteger(match, FC_INDEX, 0, &index);
      FcPatternGetString(match, FC_FAMILY, 0, &family);
      out = FontFile{reinterpret_cast<const char*>(file), index,
                     family ? reinterpret_cast<const char*>(family) : ""};
    }
    FcPatternDestroy(match);
  }
  FcPatternDestroy(pattern);
  FcConfigDestroy(config);
  return out;
}

std::shared_ptr<const MappedFont> MappedFont::open(const FontFile& file) {
  const int fd = ::open(file.path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw std::runtime_error("cannot open font " + file.path.string());
  struct stat st {};
  if (::fstat(fd, &st) != 0 || st.st_size <= 0) {
    ::close(fd);
    throw std::runtime_error("cannot read font " + file.path.string());
  }
  void* data = ::mmap(nullptr, static_cast<std::size_t>(st.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
  ::close(fd);
  if (data == MAP_FAILED) throw std::runtime_error("cannot map font " + file.path.string());
  std::shared_ptr<MappedFont> m(new MappedFont());
  m->data_ = data;
  m->size_ = static_cast<std::size_t>(st.st_size);
  m->file_ = file;
  return m;
}

MappedFont::~MappedFont() {
  if (data_ != nullptr) ::munmap(data_, size_);
}

GlyphSet base_glyphs(const std::string& ui_text) {
  GlyphSet g;
  g.add_range(0x20, 0x7E);
  g.add_text("…·—–“”‘’、，。：；！？（）《》【】「」°％×→←↑↓●¥");  // ¥: prices are composed in code
  g.add_text(ui_text);
  return g;
}

namespace {

ImFont* add_font(ImFontAtlas& atlas, const MappedFont& font, float size, const ImWchar* ranges) {
  ImFontConfig cfg;
  cfg.FontData = const_cast<void*>(font.data());
  cfg.FontDataSize = static_cast<int>(font.size());
  cfg.FontDataOwnedByAtlas = false;  // the mapping outlives the atlas
  cfg.FontNo = font.file().index;
  cfg.SizePixels = size;
  cfg.OversampleH = 1;  // CJK strokes gain nothing from horizontal oversampling; it would double the atlas
  cfg.OversampleV = 1;
  cfg.PixelSnapH = true;
  cfg.GlyphRanges = ranges;
  return atlas.AddFont(&cfg);
}

}  // namespace

namespace {

std::unique_ptr<FontAtlas> try_build(const std::shared_ptr<const MappedFont>& font, const Metrics& m,
                                     const GlyphSet& glyphs, const GlyphSet& headlines) {
  static const ImWchar kDigits[] = {0x20, 0x3F, 0};  // space, digits and basic punctuation
  auto out = std::make_unique<FontAtlas>();
  const std::vector<ImWchar> ranges = glyphs.ranges();  // read by Build() only
  const std::vector<ImWchar> title_ranges = headlines.ranges();
  out->atlas = std::make_unique<ImFontAtlas>();
  ImFontAtlas& atlas = *out->atlas;
  // No mouse cursors to bake; no power-of-two height (GLES2 handles NPOT textures without mipmaps,
  // which a font never uses): up to half the texture memory and upload time saved.
  atlas.Flags |= ImFontAtlasFlags_NoMouseCursors | ImFontAtlasFlags_NoPowerOfTwoHeight;
  // FreeType (compiled into Debian's libimgui.a) rasterises Noto's CFF outlines about twice as fast
  // as stb_truetype, and light hinting keeps small Chinese strokes crisp on a 7" panel.
  atlas.FontBuilderIO = ImGuiFreeType::GetBuilderForFreeType();
  atlas.FontBuilderFlags = ImGuiFreeTypeBuilderFlags_LightHinting;
  atlas.TexDesiredWidth = kMaxAtlasSide;
  out->fonts.body = add_font(atlas, *font, m.body_size, ranges.data());
  out->fonts.small = add_font(atlas, *font, m.small_size, ranges.data());
  out->fonts.title = add_font(atlas, *font, m.title_size, title_ranges.data());
  out->fonts.huge = add_font(atlas, *font, m.huge_size, kDigits);
  if (!atlas.Build()) throw std::runtime_error("the font atlas could not be built");
  if (atlas.TexWidth > kMaxAtlasSide || atlas.TexHeight > kMaxAtlasSide) return nullptr;
  // Drop the pointers to the font data and the ranges: the baked glyphs are all that is needed now.
  atlas.ClearInputData();
  out->glyphs = glyphs;
  out->headlines = headlines;
  out->metrics = m;
  out->width = atlas.TexWidth;
  out->height = atlas.TexHeight;
  return out;
}

}  // namespace

std::unique_ptr<FontAtlas> build_font_atlas(std::shared_ptr<const MappedFont> font, const Metrics& metrics,
                                            const GlyphSet& glyphs, const GlyphSet* fallback,
                                            const GlyphSet* headlines) {
  const auto start = std::chrono::steady_clock::now();
  Metrics m = metrics;
  // Every failed attempt costs a whole build (~70 ms), so start from sizes whose estimated glyph
  // boxes fit. The estimate is deliberately generous (1.25x the texture: it overstates Latin and
  // punctuation widths); calibrated on the demo at 1080p, which fits in one attempt.
  const auto estimate = [&](const Metrics& mm) {
    const auto area = [](const GlyphSet& set, float size) {
      double a = 0;
      for (char32_t c : set.sorted()) a += (c < 0x2E80 ? 0.62 : 1.0) * (size + 2.0) * (size + 2.0);
      return a;
    };
    const GlyphSet& title = headlines != nullptr ? *headlines : glyphs;
    return area(glyphs, mm.body_size) + area(glyphs, mm.small_size) + area(title, mm.title_size) +
           32 * (mm.huge_size + 2.0) * (mm.huge_size + 2.0) * 0.62;
  };
  const double budget = 1.25 * kMaxAtlasSide * kMaxAtlasSide;
  while (estimate(m) > budget && m.body_size > metrics.body_size * 0.6f) {
    for (float* size : {&m.small_size, &m.body_size, &m.title_size, &m.huge_size})
      *size = std::floor(*size * 0.96f);
  }
  // The estimate never overstates a glyph box twice over, so past twice the texture even the smallest
  // readable sizes cannot fit: go straight to the fallback instead of rasterising (a Pi would spend
  // minutes on a whole CJK block).
  const bool hopeless = estimate(m) > 2.0 * kMaxAtlasSide * kMaxAtlasSide;
  std::unique_ptr<FontAtlas> out;
  // 0.92^6 = 0.61: below that text stops being readable from a step away; better to show "?".
  int attempts = 0;
  for (int attempt = 0; attempt <= 6 && !out && !hopeless; ++attempt) {
    ++attempts;
    out = try_build(font, m, glyphs, headlines != nullptr ? *headlines : glyphs);
    for (float* size : {&m.small_size, &m.body_size, &m.title_size, &m.huge_size})
      *size = std::floor(*size * 0.92f);
  }
  if (!out && fallback != nullptr) {
    out = try_build(font, metrics, *fallback, *fallback);
    if (out) out->degraded = true;
  }
  if (!out) throw std::runtime_error("the text needs more glyphs than fit a 2048x2048 font atlas");
  out->attempts = attempts;
  out->build_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  return out;
}

}  // namespace kiosk::ui
