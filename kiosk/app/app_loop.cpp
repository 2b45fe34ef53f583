#include "kiosk/app/app_loop.hpp"

#include <SDL.h>

#include <atomic>
#include <chrono>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <cstring>

#include "kiosk/app/device_monitor.hpp"
#include "kiosk/app/display_control.hpp"
#include "kiosk/app/fleet_link.hpp"
#include "kiosk/app/frame_stats.hpp"
#include "kiosk/app/presenter.hpp"
#include "kiosk/app/sdl_input.hpp"
#include "kiosk/app/staff_facts.hpp"
#include "kiosk/app/ui_host.hpp"
#include "platform/clock.hpp"
#include "platform/input_wait.hpp"
#include "platform/log.hpp"
#include "platform/watchdog.hpp"

namespace kiosk::app {
namespace {

std::atomic<bool> g_stop{false};
std::atomic<platform::InputWaiter*> g_waiter{nullptr};  // woken by a signal: write(2) is signal-safe

void on_signal(int) {
  g_stop = true;
  if (platform::InputWaiter* w = g_waiter.load()) w->wake();
}

void install_signal_handlers() {
  struct sigaction sa {};
  sa.sa_handler = on_signal;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGTERM, &sa, nullptr);
  sigaction(SIGINT, &sa, nullptr);
}

double mono_now() {
  return platform::monotonic_seconds();
}

double wall_now() {
  using namespace std::chrono;
  return duration<double>(system_clock::now().time_since_epoch()).count();
}

bool is_touch_down(const SDL_Event& e) {
  return e.type == SDL_FINGERDOWN || e.type == SDL_MOUSEBUTTONDOWN;
}

// A black frame for a screen without a backlight to switch off.
void present_black(Presenter& presenter) {
  presenter.begin(std::nullopt);
  SDL_SetRenderDrawColor(presenter.renderer(), 0, 0, 0, 255);
  SDL_RenderClear(presenter.renderer());
  presenter.present(std::nullopt);
}

// Drivers with a real blocking wait; the others (KMS/DRM, offscreen) make SDL_WaitEventTimeout poll
// every millisecond, so for them we sleep in short slices ourselves.
bool driver_blocks(const char* driver) {
  return driver != nullptr && (std::strcmp(driver, "x11") == 0 || std::strcmp(driver, "wayland") == 0);
}

// Waits for the next SDL event or `seconds`. X11 and Wayland block in SDL; the other drivers would
// poll every millisecond, so there we sleep in poll(2) on the input devices and a wake-up eventfd,
// which SIGTERM also wakes. SDL's own wait retries after a signal, so there a second is the longest
// sleep (SIGTERM must end the kiosk well inside TimeoutStopSec).
bool wait_for_event(bool sdl_blocks, platform::InputWaiter& waiter, double seconds, SDL_Event* e) {
  const double limit_ms = sdl_blocks ? 1000.0 : 60000.0;
  const int ms = static_cast<int>(std::clamp(std::ceil(seconds * 1000.0), 0.0, limit_ms));
  if (sdl_blocks) return SDL_WaitEventTimeout(e, ms) == 1;
  if (SDL_PollEvent(e) == 1) return true;
  waiter.wait(std::chrono::milliseconds(ms));
  return SDL_PollEvent(e) == 1;
}

constexpr double kDisplayRetrySeconds = 20;

// Starts SDL's video on a real display. Returns "" or why there is none (SDL is shut down again then,
// so the next attempt starts afresh and sees a screen plugged in meanwhile).
std::string open_video() {
  if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0) {
    std::string why = SDL_GetError();
    SDL_Quit();
    return why;
  }
  // SDL falls back to its "offscreen" driver when there is no display at all: a kiosk rendering into
  // nothing. Only accept the virtual drivers when someone asked for them (benchmarks, tests).
  const char* driver = SDL_GetCurrentVideoDriver();
  const char* wanted = SDL_getenv("SDL_VIDEODRIVER");
  if (driver != nullptr && (std::strcmp(driver, "offscreen") == 0 || std::strcmp(driver, "dummy") == 0) &&
      (wanted == nullptr || std::strcmp(wanted, driver) != 0)) {
    const std::string why = "only SDL's virtual \"" + std::string(driver) + "\" video driver is available";
    SDL_Quit();
    return why;
  }
  return "";
}

// The frame just rendered, as the console's screenshot: read back before it is presented (on a GPU
// the back buffer is undefined after the swap).
std::optional<fleet::Frame> read_frame(SDL_Renderer* renderer, int width, int height) {
  fleet::Frame frame;
  frame.width = width;
  frame.height = height;
  frame.rgba.resize(static_cast<std::size_t>(width) * static_cast<std::size_t>(height) * 4);
  if (SDL_RenderReadPixels(renderer, nullptr, SDL_PIXELFORMAT_RGBA32, frame.rgba.data(), width * 4) != 0) {
    log::warn(std::string("screenshot: cannot read the frame back: ") + SDL_GetError());
    return std::nullopt;
  }
  return frame;
}

}  // namespace

int run_app(const AppOptions& options, const ui::I18n& i18n, const ui::FontFile& font) {
  const double launched = mono_now();
  // The content thread starts first: opening the store overlaps SDL and window set-up.
  platform::InputWaiter waiter;
  static std::atomic<Uint32> wake_event{0};
  auto wake = [&waiter] {
    if (const Uint32 type = wake_event.load(); type != 0) {
      SDL_Event e{};
      e.type = type;
      SDL_PushEvent(&e);  // thread-safe, and wakes SDL_WaitEventTimeout
    }
    waiter.wake();  // and our own poll(2) on drivers without a blocking wait
  };
  ContentService content(options.content, wake);
  content.start();
  DeviceMonitor device(options.config.system_root, options.content.data_dir);
  // The console link starts before the display: a kiosk waiting for its screen is exactly one staff
  // need to hear from. It runs in safe mode too, for the same reason.
  const bool safe_mode = options.content.safe_mode != platform::SafeMode::off;
  ScreenFacts screen_facts;
  screen_facts.display = "none";
  screen_facts.safe_mode = safe_mode;
  std::unique_ptr<FleetLink> link;
  if (options.config.console) {
    link = std::make_unique<FleetLink>(*options.config.console, options.content.data_dir, content, device,
                                       wake, KIOSK_VERSION);
    link->set_screen(screen_facts);
  }
  SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");  // SIGTERM ends us; a window-close does not
  SDL_SetHint(SDL_HINT_TOUCH_MOUSE_EVENTS, "0");
  SDL_SetHint(SDL_HINT_MOUSE_TOUCH_EVENTS, "0");
  SDL_SetHint(SDL_HINT_VIDEO_MINIMIZE_ON_FOCUS_LOSS, "0");
  SDL_SetHint(SDL_HINT_VIDEO_X11_NET_WM_BYPASS_COMPOSITOR, "1");
  g_waiter = &waiter;
  struct WaiterReset {
    ~WaiterReset() { g_waiter = nullptr; }
  } waiter_reset;
  install_signal_handlers();
  platform::Watchdog watchdog;
  // A screen that is unplugged or switched off at boot: wait for it in this process, telling systemd
  // we are up (and why nothing shows) and feeding its watchdog, rather than exiting into a restart
  // every few seconds; the content thread keeps syncing meanwhile.
  for (bool announced = false;;) {
    const std::string missing = open_video();
    if (missing.empty()) break;
    if (!options.wait_for_display) {
      log::warn("no display: " + missing);
      return kExitNoDisplay;
    }
    if (!announced) {
      log::error("no display found (" + missing +
                 "): is the screen connected and switched on? Checking again every " +
                 std::to_string(static_cast<int>(kDisplayRetrySeconds)) + " s");
      watchdog.ready("waiting for a display: " + missing);
      announced = true;
    }
    const double retry_at = mono_now() + kDisplayRetrySeconds;
    while (!g_stop && mono_now() < retry_at) {
      waiter.wait(
          std::chrono::milliseconds(static_cast<int>(std::min(1.0, retry_at - mono_now()) * 1000) + 1));
      watchdog.alive(mono_now());
    }
    if (g_stop) {
      watchdog.stopping();
      return 0;
    }
  }
  struct SdlQuit {
    ~SdlQuit() { SDL_Quit(); }
  } sdl_quit;

  int width = options.width, height = options.height;
  Uint32 flags = SDL_WINDOW_SHOWN | SDL_WINDOW_ALLOW_HIGHDPI;
  if (!options.windowed) {
    SDL_DisplayMode mode;
    if (width == 0 && SDL_GetDesktopDisplayMode(0, &mode) == 0) width = mode.w, height = mode.h;
    flags |= SDL_WINDOW_FULLSCREEN_DESKTOP | SDL_WINDOW_BORDERLESS;
  }
  if (width == 0) width = 1280, height = 800;
  SDL_Window* window =
      SDL_CreateWindow("Lobby kiosk", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, width, height, flags);
  if (window == nullptr) {
    log::warn(std::string("no window: ") + SDL_GetError());
    return kExitNoDisplay;
  }
  struct WindowOwner {
    SDL_Window* w;
    ~WindowOwner() { SDL_DestroyWindow(w); }
  } window_owner{window};
  if (!options.windowed) SDL_ShowCursor(SDL_DISABLE);
  log::debug("startup: window after " + std::to_string(static_cast<int>((mono_now() - launched) * 1000)) +
             " ms in the loop");

  std::unique_ptr<Presenter> presenter;
  std::string renderer_why;
  try {
    auto pick = make_window_presenter(window, options.renderer, options.config.system_root);
    presenter = std::move(pick.presenter);
    renderer_why = pick.why;
  } catch (const std::exception& e) {
    log::error(e.what());
    return kExitNoDisplay;
  }
  SDL_GetWindowSize(window, &width, &height);
  int out_w = width, out_h = height;
  SDL_GetRendererOutputSize(presenter->renderer(), &out_w, &out_h);
  float px_per_mm = 0;
  if (options.config.display_width_mm > 0) {
    px_per_mm = static_cast<float>(out_w / options.config.display_width_mm);
  } else if (float ddpi = 0;
             SDL_GetDisplayDPI(SDL_GetWindowDisplayIndex(window), &ddpi, nullptr, nullptr) == 0 &&
             ddpi > 20) {
    px_per_mm = ddpi / 25.4f;
  }
  wake_event = SDL_RegisterEvents(1);
  const bool blocking = driver_blocks(SDL_GetCurrentVideoDriver());
  if (!blocking && waiter.devices() == 0) {
    log::warn(
        "no readable input devices in /dev/input: touch will not work unless the kiosk user is in the input "
        "group");
  }
  log::info("kiosk: " + std::to_string(out_w) + "x" + std::to_string(out_h) + " on " +
            SDL_GetCurrentVideoDriver() + ", " + presenter->describe() + " (" + renderer_why + ")");

  UiHostOptions host_options;
  host_options.metrics = ui::compute_metrics(static_cast<float>(out_w), static_cast<float>(out_h), px_per_mm);
  host_options.ui.kiosk_id = options.config.kiosk_id;
  host_options.ui.idle_timeout_s = options.config.idle_timeout_s;
  host_options.ui.attract_slide_s = options.config.attract_slide_s;
  host_options.staff_pin_hash = options.config.staff_pin_hash;
  host_options.wake_ui = wake;
  UiHost host(presenter->renderer(), i18n, font, host_options);
  DisplayControl display(options.config.opening_hours, options.config.wake_minutes * 60,
                         options.config.system_root);
  screen_facts.display = "on";
  screen_facts.width = out_w;
  screen_facts.height = out_h;
  screen_facts.renderer = renderer_why;
  const double safe_mode_retry_at = launched + options.config.safe_mode_retry_minutes * 60;
  StaffFactsInput staff;
  staff.kiosk_id = options.config.kiosk_id;
  staff.display = std::to_string(out_w) + "x" + std::to_string(out_h) + " · " + SDL_GetCurrentVideoDriver() +
                  " · " + presenter->describe();
  staff.build = KIOSK_VERSION;
  staff.renderer = renderer_why;
  double staff_facts_at = -1;

  // --now runs a clock from a chosen time (demos, benchmarks, tests): trusted, no floor. Otherwise
  // the system clock, never below the floor and trusted only when it is not known to be wrong.
  const double clock_offset =
      options.start_time ? static_cast<double>(*options.start_time) - wall_now() : 0.0;
  const platform::ClockSources clock_sources{options.config.system_root, options.config.system_root == "/"};
  const auto read_clock = [&] {
    if (options.start_time) {
      platform::ClockReading c;
      c.wall = static_cast<platform::WallSeconds>(std::floor(wall_now() + clock_offset));
      c.synchronised = true;
      return c;
    }
    return platform::read_clock(content.time_floor(), clock_sources);
  };
  // Sub-second wall time for the loop's "next second" arithmetic, floored like the reading.
  const auto wall = [&] {
    const double t = wall_now() + clock_offset;
    return options.start_time ? t : std::max(t, static_cast<double>(content.time_floor()));
  };
  platform::ClockReading clock = read_clock();
  double clock_read_at = mono_now();
  bool dark_frame_shown = false;
  bool ready_sent = false;
  // Tells systemd the kiosk is up: after the first frame, or once it decided the screen stays dark.
  const auto send_ready = [&](const std::string& what) {
    if (ready_sent) return;
    ready_sent = true;
    watchdog.ready(safe_mode ? "safe mode: " + options.safe_mode_reason + "; " + content.safe_mode_content()
                             : what);
  };
  const float scale_x = static_cast<float>(out_w) / static_cast<float>(width);
  const float scale_y = static_cast<float>(out_h) / static_cast<float>(height);
  SdlPointer pointer;
  int frames_left = 0;
  long long last_second = -1, last_minute = -1;
  double last_frame = 0;
  double content_change = 0;
  bool first_frame = true;
  FrameStats stats;

  while (!g_stop) {
    double mono = mono_now();
    const double now = wall();
    double wait = std::floor(now) + 1.0 - now;  // the clock's next second
    if (frames_left > 0 || host.ui().animating(mono)) wait = std::max(0.0, last_frame + 1.0 / 60.0 - mono);
    if (auto d = host.ui().next_deadline(mono)) wait = std::min(wait, *d - mono);
    if (content_change > 0) wait = std::min(wait, content_change - now);
    if (!display.lit()) {  // dark: no clock to tick, only the schedule, a touch or the watchdog
      wait = 3600;
      if (auto d = display.seconds_to_change(clock, mono)) wait = *d;
    }
    wait = std::min(wait, watchdog.max_sleep());

    bool full = false;
    SDL_Event e;
    bool got = wait_for_event(blocking, waiter, std::max(0.0, wait), &e);
    stats.woke();
    watchdog.alive(mono_now());               // the loop is turning: woke, and will draw or sleep again
    if (mono_now() - clock_read_at >= 1.0) {  // a stat and an adjtimex: once a second, not per frame
      clock = read_clock();
      clock_read_at = mono_now();
    }
    if (auto summary = stats.minute_summary(mono_now())) log::debug(*summary);
    while (got) {
      if (e.type == wake_event.load()) {
        full = true;
      } else if (e.type == SDL_QUIT) {
        if (options.windowed) g_stop = true;  // a developer closing the window; never on a kiosk
      } else if (e.type == SDL_KEYDOWN) {
        if (options.windowed && e.key.keysym.sym == SDLK_ESCAPE) g_stop = true;
      } else if (e.type == SDL_WINDOWEVENT) {
        full = true;
      } else if (is_touch_down(e) && display.touched(clock, mono_now())) {
        full = true;  // this touch only woke the screen; it must not also press what is under it
        dark_frame_shown = false;
      } else {
        SDL_Event scaled = e;
        if (scaled.type == SDL_MOUSEBUTTONDOWN || scaled.type == SDL_MOUSEBUTTONUP) {
          scaled.button.x = static_cast<Sint32>(scaled.button.x * scale_x);
          scaled.button.y = static_cast<Sint32>(scaled.button.y * scale_y);
        } else if (scaled.type == SDL_MOUSEMOTION) {
          scaled.motion.x = static_cast<Sint32>(scaled.motion.x * scale_x);
          scaled.motion.y = static_cast<Sint32>(scaled.motion.y * scale_y);
        }
        if (auto p = pointer.translate(scaled, out_w, out_h, mono_now())) {
          host.ui().touch().push(*p);
          stats.input(e.common.timestamp);
          full = true;
          frames_left = 3;  // ImGui settles hover/active state over a couple of frames
        }
      }
      got = SDL_PollEvent(&e) == 1;
    }
    if (g_stop) break;

    if (auto latest = content.latest();
        latest && (!host.has_snapshot() || latest.get() != &host.snapshot())) {
      if (first_frame)
        log::debug("startup: content ready after " +
                   std::to_string(static_cast<int>((mono_now() - launched) * 1000)) + " ms in the loop");
      host.offer_snapshot(latest, static_cast<content::UnixSeconds>(wall()));
      display.set_date_overrides(latest->content().meta.display_hours);
      if (first_frame)
        log::debug("startup: fonts ready after " +
                   std::to_string(static_cast<int>((mono_now() - launched) * 1000)) + " ms in the loop");
      full = true;
    }
    if (host.poll()) full = true;
    if (!host.has_snapshot()) continue;  // the content thread is still opening the store
    if (safe_mode && mono_now() >= safe_mode_retry_at) {
      log::warn("safe mode: trying normal mode again (a clean exit; systemd starts the kiosk anew)");
      break;
    }
    // The console asked for the frame on screen: refuse what must not leave the kiosk (the staff
    // overlay may show a PIN being typed) and a dark screen; otherwise draw a full frame and read it.
    bool grab_frame = false;
    if (link && link->screenshot_wanted()) {
      const auto& staff_state = host.ui().state().staff;
      const std::string refusal =
          screenshot_refusal(staff_state.pin_pad || staff_state.unlocked, display.lit());
      if (!refusal.empty())
        link->refuse(refusal);
      else
        grab_frame = full = true;
    }
    if (!display.update(clock, mono_now())) {
      if (link) {
        ScreenFacts dark = screen_facts;
        dark.display = "dark";
        dark.urgent_shown.clear();
        if (auto d = display.seconds_to_change(clock, mono_now())) {
          dark.display_on_at = static_cast<content::UnixSeconds>(wall() + *d);
        }
        link->set_screen(dark);
      }
      if (grab_frame) link->refuse("display_dark");
      if (!display.has_backlight() && !dark_frame_shown) present_black(*presenter);
      dark_frame_shown = true;
      send_ready("screen off outside opening hours");
      continue;  // nothing is drawn while the screen is dark
    }
    if (dark_frame_shown) {
      dark_frame_shown = false;
      full = true;
    }

    mono = mono_now();
    const double t = wall();
    const auto now_s = static_cast<content::UnixSeconds>(std::floor(t));
    if (content_change > 0 && t >= content_change) full = true;
    if (now_s / 60 != last_minute) full = true;  // dates, "today", staleness: redraw all each minute
    if (auto d = host.ui().next_deadline(mono - 0.001); d && *d <= mono) full = true;
    if (host.ui().animating(mono)) full = true;
    if (frames_left > 0) full = true;
    if (!full && now_s == last_second) continue;

    ui::SyncView status = content.sync_view();
    status.clock_trusted = clock.trusted();
    status.safe_mode = safe_mode;
    if (host.ui().state().staff.unlocked && mono - staff_facts_at >= 1.0) {
      staff.clock = clock;
      staff.device = device.facts();
      staff.screen = display.state();
      staff.safe_mode = safe_mode ? options.safe_mode_reason + "; " + content.safe_mode_content() : "";
      if (link) staff.console = link->status();
      staff.config_problems = options.config.problems;  // and what the content thread found at start
      if (const std::string problem = content.startup_problem(); !problem.empty())
        staff.config_problems.push_back(problem);
      host.ui().set_staff_facts(make_staff_facts(staff));
      staff_facts_at = mono;
    }
    const ui::FrameOutput out = host.frame(now_s, mono, status);
    std::optional<SDL_Rect> only;
    if (!full && presenter->partial_redraw() && out.clock_rect) {
      const auto& [a, b] = *out.clock_rect;
      only = SDL_Rect{static_cast<int>(std::floor(a.x)), static_cast<int>(std::floor(a.y)),
                      static_cast<int>(std::ceil(b.x - a.x)) + 1, static_cast<int>(std::ceil(b.y - a.y)) + 1};
    }
    only = presenter->begin(only);
    host.render(only);
    if (grab_frame) {
      if (auto frame = read_frame(presenter->renderer(), out_w, out_h))
        link->deliver(std::move(*frame));
      else
        link->refuse("read_failed");
    }
    const long long pixels = presenter->present(only);
    if (auto latency = stats.presented(only.has_value(), pixels, out.builds > 1, SDL_GetTicks())) {
      log::debug("tap -> next screen on screen: " + std::to_string(*latency) + " ms");
      if (options.frame_stats) std::printf("tap-to-screen-ms %u\n", *latency);
    }
    if (options.frame_stats) {
      std::printf("frame %s %lld\n", only ? "partial" : "full", pixels);
      std::fflush(stdout);
    }
    if (link) {
      screen_facts.display = "on";
      screen_facts.display_on_at.reset();
      screen_facts.urgent_shown = out.urgent_shown;
      screen_facts.clock_trusted = clock.trusted();
      link->set_screen(screen_facts);
    }
    last_frame = mono;
    last_second = now_s;
    last_minute = now_s / 60;
    if (frames_left > 0) --frames_left;
    content_change = static_cast<double>(host.snapshot().next_change_after(now_s));
    if (first_frame) {
      first_frame = false;
      log::info("first frame " + std::to_string(static_cast<int>((mono_now() - launched) * 1000)) +
                " ms after the loop started");
      send_ready("showing content version " + std::to_string(host.snapshot().version().version));
      if (options.exit_after_first_frame) {
        std::printf("first-frame-wall %.6f\n", wall_now());  // bench/kiosk_process.sh reads this
        std::fflush(stdout);
        break;
      }
    }
    if (out.sync_requested) content.request_sync();
    if (out.pair_code && link) link->pair(*out.pair_code);
    if (out.exit_requested) break;
  }
  watchdog.stopping();
  return 0;
}

}  // namespace kiosk::app
