#pragma once
// The kiosk without a display: renders frames into an off-screen surface through exactly the code
// the device runs (same UiHost, same renderer). Serves `kiosk --screenshot`, the run command on a
// machine with no display, the UI tests, and later the staff "remote screenshot".
#include <array>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/app/presenter.hpp"
#include "kiosk/app/ui_host.hpp"

namespace kiosk::app {

class HeadlessKiosk {
 public:
  HeadlessKiosk(int width, int height, const ui::I18n& i18n, const ui::FontFile& font,
                std::shared_ptr<const content::ContentSnapshot> snapshot, ui::KioskUiConfig config = {},
                std::string staff_pin_hash = {}, float px_per_mm = 0);

  // One frame: build, clear, render (all, or only `only`). The audit records what was drawn.
  ui::FrameOutput step(content::UnixSeconds now, double mono, std::optional<SDL_Rect> only = std::nullopt);

  UiHost& host() { return *host_; }
  ui::KioskUi& ui() { return host_->ui(); }
  const ui::UiAudit& audit() const { return audit_; }
  ui::SyncView& sync() { return sync_; }
  const SurfacePresenter& surface() const { return *surface_; }
  void save_png(const std::filesystem::path& file) const { surface_->save_png(file); }
  // RGBA of one pixel.
  std::array<unsigned char, 4> pixel(int x, int y) const;

 private:
  std::unique_ptr<SurfacePresenter> surface_;
  std::unique_ptr<UiHost> host_;
  ui::UiAudit audit_;
  ui::SyncView sync_;
};

// The screens `kiosk --screenshot --screen NAME` knows.
const std::vector<std::string>& screenshot_screens();
// Puts the UI into the state that shows `screen` (detail views open the first item with a picture).
// A state that happens only at some moment (an event on now) moves `now` there. False for an
// unknown name.
bool show_screen(ui::KioskUi& ui, const content::ContentSnapshot& snap, const std::string& screen,
                 content::UnixSeconds& now);

}  // namespace kiosk::app
