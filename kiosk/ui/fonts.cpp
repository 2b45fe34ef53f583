#include "kiosk/ui/fonts.hpp"

#include <fcntl.h>
#include <fontconfig/fontconfig.h>
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
  g.add_text("…·—–“”‘’、，。：；！？（）《》【】「」°％×→←↑↓●");
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

std::unique_ptr<FontAtlas> build_font_atlas(std::shared_ptr<const MappedFont> font, const Metrics& metrics,
                                            const GlyphSet& glyphs) {
  const auto start = std::chrono::steady_clock::now();
  static const ImWchar kDigits[] = {0x20, 0x3F, 0};  // space, digits and basic punctuation
  Metrics m = metrics;
  for (int attempt = 0; attempt < 8; ++attempt) {
    auto out = std::make_unique<FontAtlas>();
    out->ranges = glyphs.ranges();  // the atlas points at these until it dies
    out->atlas = std::make_unique<ImFontAtlas>();
    ImFontAtlas& atlas = *out->atlas;
    atlas.Flags |= ImFontAtlasFlags_NoMouseCursors;
    atlas.TexDesiredWidth = kMaxAtlasSide;
    out->fonts.body = add_font(atlas, *font, m.body_size, out->ranges.data());
    out->fonts.small = add_font(atlas, *font, m.small_size, out->ranges.data());
    out->fonts.title = add_font(atlas, *font, m.title_size, out->ranges.data());
    out->fonts.huge = add_font(atlas, *font, m.huge_size, kDigits);
    if (!atlas.Build()) throw std::runtime_error("the font atlas could not be built");
    if (atlas.TexWidth <= kMaxAtlasSide && atlas.TexHeight <= kMaxAtlasSide) {
      out->glyphs = glyphs;
      out->metrics = m;
      out->width = atlas.TexWidth;
      out->height = atlas.TexHeight;
      out->font = std::move(font);
      out->build_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
      return out;
    }
    for (float* size : {&m.small_size, &m.body_size, &m.title_size, &m.huge_size}) *size = std::floor(*size * 0.92f);
  }
  throw std::runtime_error("the text needs more glyphs than fit a 2048x2048 font atlas");
}

}  // namespace kiosk::ui
