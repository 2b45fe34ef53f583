#pragma once
// Hosts the kiosk UI on an SDL renderer: the ImGui context, the font atlas, the textures and the
// current snapshot. The interactive app and the headless screenshot share it, so a screenshot is
// exactly what a visitor sees.
#include <SDL.h>

#include <atomic>
#include <future>
#include <memory>
#include <optional>

#include "kiosk/app/imgui_sdl_renderer.hpp"
#include "kiosk/app/texture_images.hpp"
#include "kiosk/ui/fonts.hpp"
#include "kiosk/ui/i18n.hpp"
#include "kiosk/ui/kiosk_ui.hpp"
#include "sync/content/snapshot.hpp"

namespace kiosk::app {

struct UiHostOptions {
  ui::Metrics metrics;
  ui::KioskUiConfig ui;
  std::string staff_pin_hash;
  bool synchronous = false;       // headless: decode images and build fonts inline
  std::function<void()> wake_ui;  // called from worker threads when something is ready
};

class UiHost {
 public:
  UiHost(SDL_Renderer* renderer, const ui::I18n& i18n, const ui::FontFile& font, UiHostOptions options);
  ~UiHost();
  UiHost(const UiHost&) = delete;
  UiHost& operator=(const UiHost&) = delete;

  // A new content version. If it needs glyphs the atlas lacks, the atlas is rebuilt — inline when
  // synchronous, otherwise on a worker thread while the previous snapshot stays on screen, so a new
  // character never shows as "?" and the frame loop never stalls. At start-up the home screen's
  // glyphs are baked first and the rest ~100 ms later in the background.
  void offer_snapshot(std::shared_ptr<const content::ContentSnapshot> snapshot, content::UnixSeconds now = 0);
  // UI thread, between frames: installs a finished atlas and its snapshot, uploads decoded images.
  // True if the screen must be redrawn.
  bool poll();

  ui::FrameOutput frame(content::UnixSeconds now, double mono, const ui::SyncView& sync,
                        ui::UiAudit* audit = nullptr);
  void render(std::optional<SDL_Rect> only = std::nullopt);

  bool has_snapshot() const { return snapshot_ != nullptr; }
  // Bakes an atlas (maps the font file for the duration).
  std::unique_ptr<ui::FontAtlas> build_atlas(const ui::GlyphNeeds& needs) const;
  const content::ContentSnapshot& snapshot() const { return *snapshot_; }
  ui::KioskUi& ui() { return ui_; }
  const ui::FontAtlas& fonts() const { return *atlas_; }  // valid once a snapshot was installed
  TextureImages& images() { return images_; }
  bool rebuilding_fonts() const { return pending_.valid(); }

 private:
  ui::GlyphNeeds glyphs_for(const content::ContentSnapshot& snap) const;
  void install(std::unique_ptr<ui::FontAtlas> atlas,
               std::shared_ptr<const content::ContentSnapshot> snapshot);
  void rebuild_in_background(ui::GlyphNeeds needed, std::shared_ptr<const content::ContentSnapshot> snapshot);
  ui::GlyphNeeds first_screen_glyphs(const content::ContentSnapshot& snap) const;

  const ui::I18n& i18n_;
  ui::FontFile font_;  // mapped only while an atlas is built
  UiHostOptions options_;
  ui::GlyphSet base_glyphs_;
  // Atlases are ours, never the context's: it starts on an empty placeholder (the first real atlas
  // needs the first snapshot's characters) and is pointed back at it before it is destroyed.
  ImFontAtlas placeholder_;
  std::unique_ptr<ui::FontAtlas> atlas_;
  struct Context {
    explicit Context(ImFontAtlas* atlas) : imgui(ImGui::CreateContext(atlas)), placeholder(atlas) {}
    ~Context() {
      ImGui::SetCurrentContext(imgui);
      ImGui::GetIO().Fonts = placeholder;
      ImGui::DestroyContext(imgui);
    }
    ImGuiContext* imgui;
    ImFontAtlas* placeholder;
  } context_;
  ImGuiSdlRenderer renderer_;
  TextureImages images_;
  ui::KioskUi ui_;
  std::shared_ptr<const content::ContentSnapshot> snapshot_;
  std::shared_ptr<const content::ContentSnapshot> waiting_;  // offered, waiting for its atlas
  std::future<std::unique_ptr<ui::FontAtlas>> pending_;
  std::shared_ptr<const content::ContentSnapshot> images_snapshot_;
  content::UnixSeconds now_hint_ = 0;  // the clock at the last frame, for "today's events"
  double last_mono_ = -1;
};

}  // namespace kiosk::app
