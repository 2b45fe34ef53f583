#include "kiosk/app/ui_host.hpp"

#include "platform/log.hpp"
#include "platform/pin_hash.hpp"

namespace kiosk::app {
namespace {

// Images are decoded no larger than the screen's long side (a 1080p kiosk never needs more).
int image_side(const ui::Metrics& m) { return static_cast<int>(std::max(m.width, m.height)); }

}  // namespace

UiHost::UiHost(SDL_Renderer* renderer, const ui::I18n& i18n, std::shared_ptr<const ui::MappedFont> font,
               UiHostOptions options)
    : i18n_(i18n),
      font_(std::move(font)),
      options_(std::move(options)),
      base_glyphs_(ui::base_glyphs(i18n.all_text())),
      atlas_(ui::build_font_atlas(font_, options_.metrics, base_glyphs_)),
      context_(atlas_->atlas.get()),
      renderer_(renderer),
      images_(renderer, image_side(options_.metrics), 24u << 20, options_.synchronous, options_.wake_ui),
      ui_(i18n, options_.ui, [hash = options_.staff_pin_hash](const std::string& pin) { return platform::verify_pin(hash, pin); }) {
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // never write imgui.ini to the SD card
  io.LogFilename = nullptr;
  io.ConfigFlags |= ImGuiConfigFlags_NoMouseCursorChange;
  renderer_.upload_fonts(*atlas_->atlas);
  ui::Theme theme;
  theme.metrics = atlas_->metrics;
  theme.fonts = atlas_->fonts;
  ui_.set_theme(theme);
}

UiHost::~UiHost() {
  if (pending_.valid()) pending_.wait();
}

ui::GlyphSet UiHost::glyphs_for(const content::ContentSnapshot& snap) const {
  ui::GlyphSet g = base_glyphs_;
  g.add_content(snap.content());
  return g;
}

void UiHost::install(std::unique_ptr<ui::FontAtlas> atlas, std::shared_ptr<const content::ContentSnapshot> snapshot) {
  if (atlas) {
    renderer_.upload_fonts(*atlas->atlas);
    ImGui::GetIO().Fonts = atlas->atlas.get();
    ui::Theme theme = ui_.theme();
    theme.metrics = atlas->metrics;
    theme.fonts = atlas->fonts;
    ui_.set_theme(theme);
    atlas_ = std::move(atlas);  // the old atlas dies here, after ImGui stopped pointing at it
  }
  snapshot_ = std::move(snapshot);
  images_.set_snapshot(snapshot_);
  ui_.content_changed();
}

void UiHost::offer_snapshot(std::shared_ptr<const content::ContentSnapshot> snapshot) {
  if (!snapshot || snapshot == snapshot_) return;
  ui::GlyphSet needed = glyphs_for(*snapshot);
  if (atlas_->glyphs.contains_all(needed)) {
    install(nullptr, std::move(snapshot));
    return;
  }
  if (options_.synchronous || !snapshot_) {
    // Nothing on screen yet (or a screenshot): build now.
    install(ui::build_font_atlas(font_, options_.metrics, needed), std::move(snapshot));
    return;
  }
  if (pending_.valid()) pending_.wait();  // an older rebuild is superseded; rare, and short
  waiting_ = std::move(snapshot);
  pending_ = std::async(std::launch::async, [font = font_, metrics = options_.metrics, needed = std::move(needed),
                                             wake = options_.wake_ui]() {
    auto atlas = ui::build_font_atlas(font, metrics, needed);
    if (wake) wake();
    return atlas;
  });
}

bool UiHost::poll() {
  bool changed = images_.upload_ready();
  if (pending_.valid() && pending_.wait_for(std::chrono::seconds(0)) == std::future_status::ready) {
    try {
      install(pending_.get(), std::move(waiting_));
    } catch (const std::exception& e) {
      log::error(std::string("font atlas rebuild failed, keeping the previous content: ") + e.what());
    }
    changed = true;
  }
  return changed;
}

ui::FrameOutput UiHost::frame(content::UnixSeconds now, double mono, const ui::SyncView& sync, ui::UiAudit* audit) {
  ImGuiIO& io = ImGui::GetIO();
  io.DeltaTime = last_mono_ < 0 ? 1.0f / 60.0f : static_cast<float>(std::max(1e-4, mono - last_mono_));
  last_mono_ = mono;
  if (audit != nullptr) audit->clear();
  ui::FrameInput in;
  in.snapshot = snapshot_.get();
  in.now = now;
  in.mono = mono;
  in.sync = &sync;
  in.images = &images_;
  in.audit = audit;
  return ui_.frame(in);
}

void UiHost::render(std::optional<SDL_Rect> only) { renderer_.render(ImGui::GetDrawData(), only); }

}  // namespace kiosk::app
