#pragma once
// Display start-up: SDL's video on a real screen (waiting for one that is unplugged or off at boot),
// the full-screen window and its presenter, and the screen's physical size. The decisions are pure
// functions, tested without a display; open_screen() applies them through SDL.
#include <SDL.h>

#include <atomic>
#include <memory>
#include <optional>
#include <string>

#include "kiosk/app/presenter.hpp"
#include "platform/input_wait.hpp"
#include "platform/watchdog.hpp"

namespace kiosk::app {

// SDL falls back to a virtual driver ("offscreen", "dummy") when there is no display: a kiosk
// rendering into nothing. Accepted only when asked for by name (SDL_VIDEODRIVER: tests, benchmarks).
bool virtual_driver_refused(const char* driver, const char* wanted);

// The window: the desktop's size full screen; a size asked for; else 1280x800 in a window.
struct WindowPlan {
  int width = 0, height = 0;
  bool fullscreen = false;
};
WindowPlan plan_window(bool windowed, int width, int height, std::optional<std::pair<int, int>> desktop);

// The panel's physical size as configured (kiosk.json): its width in mm, or its diagonal in inches.
struct PanelSize {
  double width_mm = 0;
  double diagonal_in = 0;
};

// Pixels per millimetre from the configured panel width, else its configured diagonal, else the
// display's DPI when SDL knows a believable one (> 20; from EDID), else 0 (the theme guesses the
// size from the pixel count).
float pixels_per_mm(int output_width, int output_height, PanelSize configured,
                    std::optional<float> diagonal_dpi);

// Starts SDL's video. Returns "" or why there is no display (SDL is shut down again then, so the
// next attempt starts afresh and sees a screen plugged in meanwhile).
std::string open_video();

enum class VideoStart { ready, no_display, stopped };
// Opens the video, or (wait_for_display) retries every `retry_s` while telling systemd why nothing
// shows and feeding its watchdog, until a display appears or `stop` is set.
VideoStart start_video(bool wait_for_display, double retry_s, platform::Watchdog& watchdog,
                       platform::InputWaiter& waiter, const std::atomic<bool>& stop);

struct Screen {
  std::unique_ptr<SDL_Window, void (*)(SDL_Window*)> window{nullptr, SDL_DestroyWindow};
  std::unique_ptr<Presenter> presenter;
  std::string renderer_why;   // the presenter's choice, for the log and the staff overlay
  int width = 0, height = 0;  // window size in SDL's coordinates
  int out_w = 0, out_h = 0;   // drawable size in pixels
  float px_per_mm = 0;
  std::string driver;            // SDL's video driver
  std::string describe() const;  // "1920x1080 · x11 · GPU ..."
};
// The window and its presenter on the started video; nullopt (logged) when either cannot be made.
std::optional<Screen> open_screen(bool windowed, int width, int height, RendererChoice renderer,
                                  const std::filesystem::path& system_root, PanelSize panel);

}  // namespace kiosk::app
