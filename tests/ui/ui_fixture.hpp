#pragma once
// Shared set-up for the UI tests: the demo content in a real store on disk, the system CJK font, the
// UI strings, and a headless kiosk that renders real frames through the app's own renderer.
#include <filesystem>
#include <memory>

#include "kiosk/app/headless.hpp"
#include "kiosk/app/sdl_input.hpp"
#include "kiosk/ui/fonts.hpp"
#include "kiosk/ui/i18n.hpp"
#include "sync/content/snapshot.hpp"

namespace kiosk::test {

const ui::I18n& i18n();
std::shared_ptr<const ui::MappedFont> font();
const ui::FontFile& font_file();
// The demo content imported into a store, dated so that the demo's Monday is "today".
std::shared_ptr<const content::ContentSnapshot> demo_snapshot();
// A content directory imported into a store of its own (a changed copy of the demo, say).
std::shared_ptr<const content::ContentSnapshot> snapshot_of(const std::filesystem::path& source_dir);
content::UnixSeconds ui_now();  // 2026-11-30T10:00:00+08:00

// Drives a headless kiosk the way a finger would: SDL touch events in, frames out, time under control.
class Robot {
 public:
  explicit Robot(int width = 800, int height = 480, ui::KioskUiConfig config = {}, std::string pin_hash = {});
  app::HeadlessKiosk& kiosk() { return *kiosk_; }
  ui::UiState& state() { return kiosk_->ui().state(); }
  double mono() const { return mono_; }

  void frame();                                // one frame at the current time
  void advance(double seconds);                // frames at 60 Hz while animating, else one per second
  void finger(Uint32 type, float x, float y);  // inject one SDL touch event now
  void tap(float x, float y);
  void tap(const std::string& region);  // the centre of a region the last frame drew
  void drag(float x0, float y0, float x1, float y1, double seconds, bool release = true);
  const ui::UiAudit::Region& region(const std::string& name) const;
  bool has_region(const std::string& name) const { return kiosk_->audit().region(name) != nullptr; }
  // The first region whose name starts with prefix; nullptr if none.
  const ui::UiAudit::Region* first_region(const std::string& prefix) const;

 private:
  std::unique_ptr<app::HeadlessKiosk> kiosk_;
  app::SdlPointer pointer_;
  int width_, height_;
  double mono_ = 100.0;
};

}  // namespace kiosk::test
