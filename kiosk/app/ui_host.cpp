#include "kiosk/app/ui_host.hpp"

#include <chrono>

#include "platform/log.hpp"
#include "platform/memory.hpp"
#include "platform/pin_hash.hpp"

namespace kiosk::app {
namespace {

// Images are decoded no larger than the screen's long side (a 1080p kiosk never needs more).
int image_side(const ui::Metrics& m) {
  return static_cast<int>(std::max(m.width, m.height));
}

}  // namespace

UiHost::UiHost(SDL_Renderer* renderer, const ui::I18n& i18n, const ui::FontFile& font, UiHostOptions options)
    : i18n_(i18n),
      font_(font),
      options_(std::move(options)),
      base_glyphs_(ui::base_glyphs(i18n.all_text())),
      context_(&placeholder_),
      renderer_(renderer),
      images_(renderer, image_side(options_.metrics), 24u << 20, options_.synchronous, options_.wake_ui),
      ui_(i18n, options_.ui, [hash = options_.staff_pin_hash](const std::string& pin) {
        return platform::verify_pin(hash, pin);
      }) {
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // never write imgui.ini to the SD card
  io.LogFilename = nullptr;
  io.ConfigFlags |= ImGuiConfigFlags_NoMouseCursorChange;
  ui::Theme theme;
  theme.metrics = options_.metrics;
  ui_.set_theme(theme);  // fonts arrive with the first snapshot
}

std::unique_ptr<ui::FontAtlas> UiHost::build_atlas(const ui::GlyphNeeds& needs) const {
  auto mapped = ui::MappedFont::open(font_);
  auto atlas = ui::build_font_atlas(mapped, options_.metrics, needs.text, &base_glyphs_, &needs.headlines);
  platform::release_free_memory();  // the build's scratch (20 MB of glyph bitmaps) goes back to the kernel
  return atlas;
}

UiHost::~UiHost() {
  if (pending_.valid()) pending_.wait();
}

ui::GlyphNeeds UiHost::glyphs_for(const content::ContentSnapshot& snap) const {
  ui::GlyphNeeds needs{base_glyphs_, base_glyphs_};
  needs.text.add_content(snap.content());
  needs.headlines.add_headlines(snap.content());
  return needs;
}

void UiHost::install(std::unique_ptr<ui::FontAtlas> atlas,
                     std::shared_ptr<const content::ContentSnapshot> snapshot) {
  if (atlas && atlas->degraded) {
    log::error(
        "the content uses more distinct characters than fit a 2048x2048 font atlas; some will show as ?");
  }
  if (atlas) {
    const auto upload_start = std::chrono::steady_clock::now();
    renderer_.upload_fonts(*atlas->atlas);
    log::debug("font atlas " + std::to_string(atlas->width) + "x" + std::to_string(atlas->height) +
               ": built in " + std::to_string(static_cast<int>(atlas->build_ms)) + " ms (" +
               std::to_string(atlas->attempts) + " attempt(s), body " +
               std::to_string(static_cast<int>(atlas->metrics.body_size)) + " px), uploaded in " +
               std::to_string(std::chrono::duration_cast<std::chrono::milliseconds>(
                                  std::chrono::steady_clock::now() - upload_start)
                                  .count()) +
               " ms");
    ImGui::GetIO().Fonts = atlas->atlas.get();
    ui::Theme theme = ui_.theme();
    theme.metrics = atlas->metrics;
    theme.fonts = atlas->fonts;
    ui_.set_theme(theme);
    atlas_ = std::move(atlas);  // the old atlas dies here, after ImGui stopped pointing at it
  }
  snapshot_ = std::move(snapshot);
  if (snapshot_ != images_snapshot_) {
    images_.set_snapshot(snapshot_);
    images_snapshot_ = snapshot_;
    ui_.content_changed();
  }
}

void UiHost::offer_snapshot(std::shared_ptr<const content::ContentSnapshot> snapshot,
                            content::UnixSeconds now) {
  if (!snapshot || snapshot == snapshot_) return;
  if (now != 0) now_hint_ = now;
  ui::GlyphNeeds needed = glyphs_for(*snapshot);
  if (atlas_ && needed.covered_by(*atlas_)) {
    waiting_.reset();  // a rebuild still running for an older version must not bring that version back
    install(nullptr, std::move(snapshot));
    return;
  }
  if (options_.synchronous) {  // a screenshot: everything, now
    install(build_atlas(needed), std::move(snapshot));
    return;
  }
  if (!snapshot_) {
    // Start-up: bake what the home screen shows (a third of the glyphs) so the first frame comes
    // quickly, then bake the rest in the background as for any content change.
    install(build_atlas(first_screen_glyphs(*snapshot)), snapshot);
    rebuild_in_background(std::move(needed), nullptr);
    return;
  }
  rebuild_in_background(std::move(needed), std::move(snapshot));
}

void UiHost::rebuild_in_background(ui::GlyphNeeds needed,
                                   std::shared_ptr<const content::ContentSnapshot> snapshot) {
  if (pending_.valid()) pending_.wait();  // an older rebuild is superseded; rare, and short
  waiting_ = std::move(snapshot);
  pending_ = std::async(std::launch::async, [this, needed = std::move(needed)]() {
    auto atlas = build_atlas(needed);  // reads only immutable members
    if (options_.wake_ui) options_.wake_ui();
    return atlas;
  });
}

ui::GlyphNeeds UiHost::first_screen_glyphs(const content::ContentSnapshot& snap) const {
  ui::GlyphNeeds needs{base_glyphs_, base_glyphs_};
  const auto add = [&](const content::LocalText& t) {
    needs.text.add_text(t.zh);
    needs.headlines.add_text(t.zh);
    needs.text.add_text(t.en);
    needs.headlines.add_text(t.en);
  };
  add(snap.content().meta.title);
  for (const auto& s : snap.content().spaces) add(s.name);  // the top bar and the desk chips
  for (const auto& n : snap.content().notices) add(n.title), add(n.body);
  for (const auto* e : snap.upcoming_events(now_hint_)) {
    if (content::local_day(e->start) > content::local_day(now_hint_) + 1) break;
    add(e->title);
  }
  return needs;
}

bool UiHost::poll() {
  bool changed = images_.upload_ready();
  if (pending_.valid() && pending_.wait_for(std::chrono::seconds(0)) == std::future_status::ready) {
    try {
      auto snapshot =
          waiting_ ? std::move(waiting_) : snapshot_;  // no snapshot: the start-up atlas is completed
      install(pending_.get(), std::move(snapshot));
      // The atlas was made for the version it was started for; a newer one may need more.
      if (ui::GlyphNeeds needed = glyphs_for(*snapshot_); !needed.covered_by(*atlas_)) {
        rebuild_in_background(std::move(needed), nullptr);
      }
    } catch (const std::exception& e) {
      log::error(std::string("font atlas rebuild failed, keeping the previous content: ") + e.what());
    }
    changed = true;
  }
  return changed;
}

ui::FrameOutput UiHost::frame(content::UnixSeconds now, double mono, const ui::SyncView& sync,
                              ui::UiAudit* audit) {
  now_hint_ = now;
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

void UiHost::render(std::optional<SDL_Rect> only) {
  renderer_.render(ImGui::GetDrawData(), only);
}

}  // namespace kiosk::app
