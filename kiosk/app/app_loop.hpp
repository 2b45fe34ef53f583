#pragma once
// The interactive kiosk: a full-screen SDL window, driven by an event-driven loop that sleeps until
// input arrives or the next deadline (clock second, animation, idle timeout, content change). After
// activity it renders a few frames, then sleeps; when only the clock's seconds change it redraws
// just the clock where the presenter allows.
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "kiosk/app/config.hpp"
#include "kiosk/app/presenter.hpp"
#include "kiosk/ui/fonts.hpp"
#include "kiosk/ui/i18n.hpp"
#include "sync/service/content_service.hpp"

namespace kiosk::app {

struct AppOptions {
  Config config;
  bool windowed = false;
  int width = 0, height = 0;  // 0: the display's size (fullscreen) or 1280x800 (windowed)
  RendererChoice renderer = RendererChoice::automatic;
  sync::ContentOptions content;
  std::optional<content::UnixSeconds> start_time;  // --now: the clock starts there and runs
  bool exit_after_first_frame = false;  // benchmark: print when the first frame was shown, then exit
  bool frame_stats = false;             // benchmark: print each present's pixels and each tap's latency
  std::string safe_mode_reason;         // set when the start journal chose safe mode
  bool wait_for_display = false;        // no display: wait for one (a kiosk) instead of returning
};

inline constexpr int kExitNoDisplay = 3;

// Returns 0 on a requested exit (SIGTERM, staff "restart", safe mode's retry of normal mode),
// kExitNoDisplay when there is no display and options.wait_for_display is off.
int run_app(const AppOptions& options, const ui::I18n& i18n, const ui::FontFile& font);

}  // namespace kiosk::app
