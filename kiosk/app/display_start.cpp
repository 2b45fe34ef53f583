#include "kiosk/app/display_start.hpp"

#include <algorithm>
#include <cstring>

#include "kiosk/ui/theme.hpp"
#include "platform/clock.hpp"
#include "platform/log.hpp"

namespace kiosk::app {

bool virtual_driver_refused(const char* driver, const char* wanted) {
  if (driver == nullptr) return false;
  const bool virtual_driver = std::strcmp(driver, "offscreen") == 0 || std::strcmp(driver, "dummy") == 0;
  return virtual_driver && (wanted == nullptr || std::strcmp(wanted, driver) != 0);
}

WindowPlan plan_window(bool windowed, int width, int height, std::optional<std::pair<int, int>> desktop) {
  WindowPlan plan{width, height, !windowed};
  if (!windowed && width == 0 && desktop) plan.width = desktop->first, plan.height = desktop->second;
  if (plan.width == 0 || plan.height == 0) plan.width = 1280, plan.height = 800;
  return plan;
}

float pixels_per_mm(int output_width, int output_height, PanelSize configured,
                    std::optional<float> diagonal_dpi) {
  if (configured.width_mm > 0) return static_cast<float>(output_width / configured.width_mm);
  if (configured.diagonal_in > 0)
    return ui::px_per_mm_from_diagonal(static_cast<float>(output_width), static_cast<float>(output_height),
                                       static_cast<float>(configured.diagonal_in));
  if (diagonal_dpi && *diagonal_dpi > 20) return *diagonal_dpi / 25.4f;
  return 0;
}

std::string open_video() {
  if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0) {
    std::string why = SDL_GetError();
    SDL_Quit();
    return why;
  }
  const char* driver = SDL_GetCurrentVideoDriver();
  if (virtual_driver_refused(driver, SDL_getenv("SDL_VIDEODRIVER"))) {
    const std::string why = "only SDL's virtual \"" + std::string(driver) + "\" video driver is available";
    SDL_Quit();
    return why;
  }
  return "";
}

VideoStart start_video(bool wait_for_display, double retry_s, platform::Watchdog& watchdog,
                       platform::InputWaiter& waiter, const std::atomic<bool>& stop) {
  for (bool announced = false;;) {
    const std::string missing = open_video();
    if (missing.empty()) return VideoStart::ready;
    if (!wait_for_display) {
      log::warn("no display: " + missing);
      return VideoStart::no_display;
    }
    if (!announced) {
      log::error("no display found (" + missing +
                 "): is the screen connected and switched on? Checking again every " +
                 std::to_string(static_cast<int>(retry_s)) + " s");
      watchdog.ready("waiting for a display: " + missing);
      announced = true;
    }
    const double retry_at = platform::monotonic_seconds() + retry_s;
    while (!stop && platform::monotonic_seconds() < retry_at) {
      const double left = std::min(1.0, retry_at - platform::monotonic_seconds());
      waiter.wait(std::chrono::milliseconds(static_cast<int>(left * 1000) + 1));
      watchdog.alive(platform::monotonic_seconds());
    }
    if (stop) return VideoStart::stopped;
  }
}

std::string Screen::describe() const {
  return std::to_string(out_w) + "x" + std::to_string(out_h) + " · " + driver + " · " + presenter->describe();
}

std::optional<Screen> open_screen(bool windowed, int width, int height, RendererChoice renderer,
                                  const std::filesystem::path& system_root, PanelSize panel) {
  std::optional<std::pair<int, int>> desktop;
  if (SDL_DisplayMode mode; SDL_GetDesktopDisplayMode(0, &mode) == 0) desktop = {{mode.w, mode.h}};
  const WindowPlan plan = plan_window(windowed, width, height, desktop);
  Uint32 flags = SDL_WINDOW_SHOWN | SDL_WINDOW_ALLOW_HIGHDPI;
  if (plan.fullscreen) flags |= SDL_WINDOW_FULLSCREEN_DESKTOP | SDL_WINDOW_BORDERLESS;
  Screen s;
  s.window.reset(SDL_CreateWindow("Lobby kiosk", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, plan.width,
                                  plan.height, flags));
  if (!s.window) {
    log::warn(std::string("no window: ") + SDL_GetError());
    return std::nullopt;
  }
  if (plan.fullscreen) SDL_ShowCursor(SDL_DISABLE);
  try {
    auto pick = make_window_presenter(s.window.get(), renderer, system_root);
    s.presenter = std::move(pick.presenter);
    s.renderer_why = pick.why;
  } catch (const std::exception& e) {
    log::error(e.what());
    return std::nullopt;
  }
  SDL_GetWindowSize(s.window.get(), &s.width, &s.height);
  s.out_w = s.width, s.out_h = s.height;
  SDL_GetRendererOutputSize(s.presenter->renderer(), &s.out_w, &s.out_h);
  std::optional<float> dpi;
  if (float ddpi = 0;
      SDL_GetDisplayDPI(SDL_GetWindowDisplayIndex(s.window.get()), &ddpi, nullptr, nullptr) == 0)
    dpi = ddpi;
  s.px_per_mm = pixels_per_mm(s.out_w, s.out_h, panel, dpi);
  s.driver = SDL_GetCurrentVideoDriver();
  return s;
}

}  // namespace kiosk::app
